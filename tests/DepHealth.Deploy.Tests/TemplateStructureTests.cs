using DepHealth.Testing;
using YamlDotNet.RepresentationModel;
using static DepHealth.Deploy.Tests.CloudFormationTemplate;

namespace DepHealth.Deploy.Tests;

/// <summary>
/// A `sam validate`-like structure check of template.yaml, plus what neither SAM nor cfn-lint can know: that it
/// matches the code (projects, environment variables, tables, indexes) and the Makefile.
/// </summary>
public sealed class TemplateStructureTests
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Load(Path.Combine(RepoPaths.Root, "template.yaml"));

    private const string ServerlessFunction = "AWS::Serverless::Function";
    private const string DynamoTable = "AWS::DynamoDB::Table";
    private const string SqsQueue = "AWS::SQS::Queue";

    /// <summary>
    /// Function projects that other engineers are still writing. Each entry must still be missing: when a project
    /// lands this test fails until its entry is removed, and from then on every check below applies to it.
    /// </summary>
    private static readonly HashSet<string> PendingProjects = [];

    /// <summary>Variables the code may read that need not be set in AWS, and why.</summary>
    private static readonly Dictionary<string, string> OptionalVariables = new(StringComparer.Ordinal)
    {
        ["DYNAMODB_ENDPOINT"] = "a local DynamoDB endpoint (dynalite) for development; unset in AWS",
        ["DEPHEALTH_DEPSDEV_URL"] = "deps.dev has a public default host; the variable points tests at the emulator",
        ["DEPHEALTH_GITHUB_URL"] = "GitHub has a public default host",
        ["DEPHEALTH_BUNDLEPHOBIA_URL"] = "bundlephobia has a public default host",
        ["NPM_CONFIG_REGISTRY"] = "npm's own configuration, a fallback for developers; AWS sets DEPHEALTH_NPM_REGISTRY_URL",
        ["NPM_CONFIG_USERCONFIG"] = "npm's own configuration, a fallback for developers",
        ["PIP_INDEX_URL"] = "pip's own configuration, a fallback for developers; AWS sets DEPHEALTH_PYPI_URL",
        ["PIP_CONFIG_FILE"] = "pip's own configuration, a fallback for developers",
        ["XDG_CONFIG_HOME"] = "where pip's user configuration lives, developers only",
        ["HOME"] = "where npm's and pip's user configuration lives, developers only",
        ["CACHE_ENABLED"] = "API tuning with a validated default (off only for the benchmark's naive baseline)",
        ["CACHE_CAPACITY"] = "API tuning with a validated default",
        ["CACHE_TTL_SECONDS"] = "API tuning with a validated default",
        ["NEGATIVE_CACHE_TTL_SECONDS"] = "API tuning with a validated default",
        ["MAX_BODY_BYTES"] = "API tuning with a validated default",
        ["MAX_SCAN_DEPENDENCIES"] = "API tuning with a validated default",
        ["STALE_IF_ERROR_SECONDS"] = "API tuning with a validated default",
        ["STORE_TIMEOUT_MS"] = "API tuning with a validated default",
        ["SQS_ENDPOINT"] = "a local or fake SQS endpoint for development and tests; unset in AWS",
        ["DEDUP_WINDOW_MINUTES"] = "collector tuning with a validated default (30, the original's)",
        ["COLLECTOR_CONCURRENCY"] = "collector tuning with a validated default",
        ["DEPHEALTH_LOG_REQUESTS"] = "request logs and metrics are on by default; 0 turns them off for benchmarks",
    };

    /// <summary>
    /// Core folders (or files) whose settings a given function needs (Storage is checked through table policies);
    /// the longest matching path decides.
    /// </summary>
    private static readonly Dictionary<string, string[]> CoreFolderUsers = new(StringComparer.Ordinal)
    {
        ["Api"] = ["GetPackageFunction", "PostScanFunction"],
        ["Auth"] = ["GetPackageFunction", "PostScanFunction"],
        ["Collection"] = ["CollectorFunction"],
        // The queue's URL: the functions that send to it (the collector only receives, through its event source).
        ["Collection/Queue/SqsQueueSettings.cs"] = ["GetPackageFunction", "PostScanFunction", "RefreshDispatcherFunction", "RetryDispatcherFunction"],
    };

    private static bool CoreFileNeededBy(string file, string function) =>
        CoreFolderUsers.Keys.Where(path => file.StartsWith($"src/DepHealth.Core/{path}", StringComparison.Ordinal)
                && (path.EndsWith(".cs", StringComparison.Ordinal) || file[$"src/DepHealth.Core/{path}".Length] == '/'))
            .MaxBy(path => path.Length) is { } match && CoreFolderUsers[match].Contains(function);

    private static readonly string[] PseudoParameters =
        ["AWS::AccountId", "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix", "AWS::NotificationARNs"];

    public static TheoryData<string> Functions() => new(Template.ResourcesOfType(ServerlessFunction));

    private static IReadOnlyDictionary<string, string?> Targets => MakefileTargets.BuildTargets();

    private static string ProjectOf(string function) =>
        Targets.TryGetValue("build-" + function, out var p) && p is not null ? p : throw new Xunit.Sdk.XunitException($"no Makefile target build-{function} naming a project");

    private static bool ProjectExists(string function) => File.Exists(SourceTree.ProjectFile(ProjectOf(function)));

    [Fact]
    public void Template_declares_the_five_functions_of_the_design()
    {
        Assert.Equal(
            ["CollectorFunction", "GetPackageFunction", "PostScanFunction", "RefreshDispatcherFunction", "RetryDispatcherFunction"],
            Template.ResourcesOfType(ServerlessFunction).Order());
    }

    [Theory, MemberData(nameof(Functions))]
    public void Function_is_an_AOT_bootstrap_built_by_its_Makefile_target(string function)
    {
        Assert.Equal("provided.al2023", Scalar(Template.FunctionProperty(function, "Runtime")));
        Assert.Equal("bootstrap", Scalar(Template.FunctionProperty(function, "Handler")));
        var archs = Assert.IsType<YamlSequenceNode>(Template.FunctionProperty(function, "Architectures"));
        Assert.Equal("Architecture", ReferenceOf(Assert.Single(archs.Children))?.Target);

        Assert.Equal("makefile", Scalar(Child(Child(Template.Resources[function], "Metadata"), "BuildMethod")));
        var codeUri = Scalar(Template.FunctionProperty(function, "CodeUri"));
        Assert.NotNull(codeUri);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, codeUri, "Makefile")), $"{function}: no Makefile in CodeUri '{codeUri}'");

        var project = ProjectOf(function);
        Assert.StartsWith("DepHealth.Functions.", project);
        if (PendingProjects.Contains(project))
        {
            Assert.False(File.Exists(SourceTree.ProjectFile(project)),
                $"{project} has landed: remove it from {nameof(PendingProjects)} so that it is checked");
            return;
        }
        Assert.True(File.Exists(SourceTree.ProjectFile(project)), $"{function}: project src/{project} does not exist");
        var csproj = SourceTree.LoadProject(project);
        Assert.Equal("bootstrap", SourceTree.Property(csproj, "AssemblyName"));
        Assert.Equal("Exe", SourceTree.Property(csproj, "OutputType"));
        Assert.Equal("true", SourceTree.Property(csproj, "PublishAot"), ignoreCase: true);
    }

    [Fact]
    public void Makefile_has_exactly_one_target_per_function()
    {
        Assert.Equal(Template.ResourcesOfType(ServerlessFunction).Select(f => "build-" + f).Order(), Targets.Keys.Order());
        Assert.All(Targets, t => Assert.False(string.IsNullOrEmpty(t.Value), $"{t.Key} publishes no project"));
    }

    [Theory, MemberData(nameof(Functions))]
    public void Makefile_publishes_the_project_for_the_chosen_architecture(string function)
    {
        var project = ProjectOf(function);
        var architectures = ((YamlSequenceNode)Child(Child(Template.Section("Parameters"), "Architecture"), "AllowedValues")!)
            .Children.Select(c => Scalar(c)!).ToArray();
        Assert.Equal(["arm64", "x86_64"], architectures.Order());

        foreach (var (architecture, rid) in new[] { ("x86_64", "linux-x64"), ("arm64", "linux-arm64") })
        {
            var run = MakefileTargets.DryRun("build-" + function, ("ARTIFACTS_DIR", "/tmp/sam-artifacts"), ("ARCHITECTURE", architecture));
            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Contains($"publish src/{project}/{project}.csproj", run.Output);
            Assert.Contains($"-r {rid}", run.Output);
            Assert.Contains("-c Release", run.Output);
            Assert.Contains("bootstrap \"/tmp/sam-artifacts/bootstrap\"", run.Output);
        }

        var defaulted = MakefileTargets.DryRun("build-" + function, ("ARTIFACTS_DIR", "/tmp/sam-artifacts"));
        Assert.Contains("-r linux-x64", defaulted.Output);
        Assert.Equal("x86_64", Scalar(Child(Child(Template.Section("Parameters"), "Architecture"), "Default")));

        var wrong = MakefileTargets.DryRun("build-" + function, ("ARTIFACTS_DIR", "/tmp/sam-artifacts"), ("ARCHITECTURE", "sparc"));
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("ARCHITECTURE must be", wrong.Output);
    }

    [Fact]
    public void Every_Ref_GetAtt_Sub_and_Condition_target_exists()
    {
        var resources = Template.Resources.Keys.ToHashSet();
        var parameters = Template.ParameterNames.ToHashSet();
        var conditions = Template.ConditionNames.ToHashSet();
        var references = Template.References().ToList();
        Assert.True(references.Count > 30, "the walker found too few references to be reading the template");
        Assert.Contains(references, r => r is { Function: "GetAtt", Target: "CollectionQueue", Attribute: "Arn" });
        Assert.Contains(references, r => r is { Function: "Ref", Target: "GitHubTokenSecret" });

        foreach (var r in references)
        {
            var ok = r.Function switch
            {
                "Ref" => resources.Contains(r.Target) || parameters.Contains(r.Target) || PseudoParameters.Contains(r.Target),
                "GetAtt" => resources.Contains(r.Target) && r.Attribute is { Length: > 0 },
                "Condition" => conditions.Contains(r.Target),
                _ => false,
            };
            Assert.True(ok, $"{r.Function} {r.Target}{(r.Attribute is null ? "" : "." + r.Attribute)} at {r.Location} points at nothing defined");
        }
    }

    [Fact]
    public void Every_parameter_is_used()
    {
        var used = Template.References().Where(r => r.Function == "Ref").Select(r => r.Target).ToHashSet();
        Assert.All(Template.ParameterNames, p => Assert.True(used.Contains(p), $"parameter {p} is never referenced"));
    }

    [Fact]
    public void Registry_urls_are_deployer_parameters_without_defaults()
    {
        var parameters = Template.Section("Parameters");
        foreach (var name in new[] { "NpmRegistryUrl", "NpmDownloadsUrl", "PypiUrl", "PypiStatsUrl" })
        {
            var p = Assert.IsType<YamlMappingNode>(Child(parameters, name));
            Assert.Null(Child(p, "Default"));
            Assert.Equal("String", Scalar(Child(p, "Type")));
        }
        foreach (var name in new[] { "MemorySize", "AllowedOrigins", "GitHubTokenSecret", "Architecture" })
            Assert.NotNull(Child(parameters, name));
    }

    [Fact]
    public void GitHub_token_comes_from_a_Secrets_Manager_dynamic_reference()
    {
        var token = Template.Environment("CollectorFunction")["GITHUB_TOKEN"];
        var sub = token.AllNodes.OfType<YamlScalarNode>().Single(n => TagOf(n) == "!Sub");
        Assert.Equal("{{resolve:secretsmanager:${GitHubTokenSecret}:SecretString}}", sub.Value);
    }

    [Theory, MemberData(nameof(Functions))]
    public void Every_variable_the_code_reads_is_set_on_the_functions_that_need_it(string function)
    {
        var project = ProjectOf(function);
        if (PendingProjects.Contains(project)) return; // covered by the pending-project check above

        var env = Template.Environment(function);
        var missing = new List<string>();
        foreach (var read in ReadsOf(project))
        {
            var needed = read.File.StartsWith($"src/{project}/", StringComparison.Ordinal)
                || read.File.StartsWith("src/DepHealth.Lambda/", StringComparison.Ordinal)
                || CoreFileNeededBy(read.File, function);
            if (needed && !env.ContainsKey(read.Name))
                missing.Add($"{read.Name} (read in {read.File})");
        }
        Assert.True(missing.Count == 0, $"{function} lacks: {string.Join(", ", missing)}");

        // The converse: nothing is set that the function's code never reads (a misspelt name is a silent default).
        var readNames = ReadsOf(project).Select(r => r.Name).ToHashSet();
        Assert.All(env.Keys, name => Assert.True(readNames.Contains(name), $"{function} sets {name}, which its code never reads"));
    }

    [Fact]
    public void Every_variable_read_by_deployed_code_is_set_on_some_function()
    {
        var deployedProjects = Template.ResourcesOfType(ServerlessFunction).Select(ProjectOf)
            .Where(p => File.Exists(SourceTree.ProjectFile(p))).SelectMany(SourceTree.ProjectClosure)
            .Append("DepHealth.Core").ToHashSet();
        var reads = deployedProjects.SelectMany(SourceTree.EnvironmentReads).Where(r => !IsPlatformProvided(r.Name) && !OptionalVariables.ContainsKey(r.Name)).ToList();
        var set = Template.ResourcesOfType(ServerlessFunction).SelectMany(f => Template.Environment(f).Keys).ToHashSet();
        Assert.All(reads, r => Assert.True(set.Contains(r.Name), $"{r.Name} (read in {r.File}) is set on no function"));
    }

    [Theory, MemberData(nameof(Functions))]
    public void Tables_and_queues_named_in_variables_are_defined_and_granted(string function)
    {
        var env = Template.Environment(function);
        var grants = PolicyGrants(function);
        foreach (var (name, value) in env)
        {
            if (name.EndsWith("_TABLE", StringComparison.Ordinal))
            {
                var target = ReferenceOf(value);
                Assert.True(target is { Function: "Ref" } && Template.ResourceType(target.Target) == DynamoTable, $"{function}.{name} is not a !Ref to a DynamoDB table");
                Assert.True(grants.Any(g => g.Resource == target!.Target && g.Policy.StartsWith("DynamoDB", StringComparison.Ordinal)),
                    $"{function} names {target!.Target} in {name} but has no DynamoDB policy on it");
            }
            if (name.EndsWith("_QUEUE_URL", StringComparison.Ordinal))
            {
                var target = ReferenceOf(value);
                Assert.True(target is { Function: "Ref" } && Template.ResourceType(target.Target) == SqsQueue, $"{function}.{name} is not a !Ref to an SQS queue");
                Assert.Contains(grants, g => g.Resource == target!.Target && g.Policy == "SQSSendMessagePolicy");
            }
        }
        // And no grant without the variable that lets the code use it.
        var named = env.Values.Select(ReferenceOf).Where(r => r is not null).Select(r => r!.Target).ToHashSet();
        Assert.All(grants, g => Assert.True(named.Contains(g.Resource), $"{function} has {g.Policy} on {g.Resource} but no variable names it"));
    }

    [Theory, MemberData(nameof(Functions))]
    public void Policies_are_least_privilege_templates_on_defined_resources(string function)
    {
        var policies = Assert.IsType<YamlSequenceNode>(Child(Template.Properties(function), "Policies"));
        Assert.NotEmpty(policies.Children);
        foreach (var policy in policies.Children)
        {
            // Only SAM policy templates scoped to one resource: no inline statements, no managed wildcards.
            var map = Assert.IsType<YamlMappingNode>(policy);
            var (name, args) = Assert.Single(map.Children);
            var policyName = Scalar(name)!;
            Assert.Contains(policyName, new[] { "DynamoDBReadPolicy", "DynamoDBCrudPolicy", "SQSSendMessagePolicy", "SQSPollerPolicy" });
            var scope = Child(args, policyName.StartsWith("DynamoDB", StringComparison.Ordinal) ? "TableName" : "QueueName");
            var target = ReferenceOf(scope);
            Assert.True(target is not null, $"{function}.{policyName} is not scoped to a resource of this template");
            var expected = policyName.StartsWith("DynamoDB", StringComparison.Ordinal) ? DynamoTable : SqsQueue;
            Assert.Equal(expected, Template.ResourceType(target!.Target));
            if (target.Function == "GetAtt") Assert.Equal("QueueName", target.Attribute);
        }
    }

    [Fact]
    public void Api_routes_are_the_v1_routes_on_one_rest_api()
    {
        Assert.Equal(["Api"], Template.ResourcesOfType("AWS::Serverless::Api"));
        var api = Template.Properties("Api")!;
        Assert.Equal("false", Scalar(Child(Child(api, "Auth"), "ApiKeyRequired")));
        Assert.NotNull(Child(Child(api, "Cors"), "AllowHeaders"));
        Assert.Contains("X-API-Key", Scalar(Child(Child(api, "Cors"), "AllowHeaders")));

        var routes = new List<string>();
        foreach (var function in Template.ResourcesOfType(ServerlessFunction))
            if (Child(Template.Properties(function), "Events") is YamlMappingNode events)
                foreach (var (_, ev) in events.Children)
                    if (Scalar(Child(ev, "Type")) == "Api")
                    {
                        var p = Child(ev, "Properties");
                        Assert.Equal("Api", ReferenceOf(Child(p, "RestApiId"))?.Target);
                        routes.Add($"{Scalar(Child(p, "Method"))} {Scalar(Child(p, "Path"))} -> {function}");
                    }
        Assert.Equal(
            [
                "GET /v1/health -> GetPackageFunction",
                "GET /v1/packages/{ecosystem}/{name} -> GetPackageFunction",
                "GET /v1/usage -> GetPackageFunction",
                "POST /v1/scan -> PostScanFunction",
            ],
            routes.Order(StringComparer.Ordinal));
        Assert.Contains("/${StageName}", Scalar(Child(Child(Template.Section("Outputs"), "ApiUrl"), "Value")));
    }

    [Fact]
    public void Collector_reads_the_queue_in_batches_reporting_item_failures_and_the_queue_redrives_to_a_dlq()
    {
        var events = (YamlMappingNode)Child(Template.Properties("CollectorFunction"), "Events")!;
        var sqs = events.Children.Values.Single(e => Scalar(Child(e, "Type")) == "SQS");
        var p = Child(sqs, "Properties");
        Assert.Equal("CollectionQueue", ReferenceOf(Child(p, "Queue"))?.Target);
        Assert.Equal("10", Scalar(Child(p, "BatchSize")));
        Assert.Equal("ReportBatchItemFailures", Scalar(((YamlSequenceNode)Child(p, "FunctionResponseTypes")!).Children.Single()));
        Assert.NotNull(Child(Child(p, "ScalingConfig"), "MaximumConcurrency"));

        var queue = Template.Properties("CollectionQueue")!;
        var redrive = Child(queue, "RedrivePolicy");
        Assert.Equal("3", Scalar(Child(redrive, "maxReceiveCount")));
        var dlq = ReferenceOf(Child(redrive, "deadLetterTargetArn"));
        Assert.Equal(SqsQueue, Template.ResourceType(dlq!.Target));
        var collectorTimeout = int.Parse(Scalar(Template.FunctionProperty("CollectorFunction", "Timeout"))!);
        Assert.True(int.Parse(Scalar(Child(queue, "VisibilityTimeout"))!) >= 6 * collectorTimeout,
            "AWS advises a visibility timeout of at least six times the function timeout for SQS event sources");
    }

    [Fact]
    public void Dispatchers_run_on_the_refresh_and_retry_schedules()
    {
        static IEnumerable<(string Schedule, string? Input)> Schedules(string f) =>
            ((YamlMappingNode)Child(Template.Properties(f), "Events")!).Children.Values
                .Where(e => Scalar(Child(e, "Type")) == "Schedule")
                .Select(e => (Scalar(Child(Child(e, "Properties"), "Schedule"))!, Scalar(Child(Child(e, "Properties"), "Input"))));

        var refresh = Schedules("RefreshDispatcherFunction").ToList();
        Assert.Equal(3, refresh.Count);
        Assert.Contains(refresh, s => s.Schedule == "cron(0 2 * * ? *)" && s.Input!.Contains("\"tier\":1"));
        Assert.Contains(refresh, s => s.Schedule == "cron(0 3 1,4,7,10,13,16,19,22,25,28 * ? *)" && s.Input!.Contains("\"tier\":2"));
        Assert.Contains(refresh, s => s.Schedule == "cron(0 4 ? * SUN *)" && s.Input!.Contains("\"tier\":3"));
        Assert.Equal("rate(15 minutes)", Assert.Single(Schedules("RetryDispatcherFunction")).Schedule);
    }

    [Fact]
    public void Tables_have_their_keys_indexes_point_in_time_recovery_and_ttl()
    {
        var packages = Template.Properties("PackagesTable")!;
        var apiKeys = Template.Properties("ApiKeysTable")!;
        foreach (var table in new[] { packages, apiKeys })
        {
            Assert.Equal("true", Scalar(Child(Child(table, "PointInTimeRecoverySpecification"), "PointInTimeRecoveryEnabled")));
            Assert.Equal("PAY_PER_REQUEST", Scalar(Child(table, "BillingMode")));
            var keys = ((YamlSequenceNode)Child(table, "KeySchema")!).Children.Select(k => Scalar(Child(k, "AttributeName"))!).ToArray();
            Assert.Equal(["pk", "sk"], keys);
            // Every attribute used in a key is defined, and only those (CloudFormation rejects extras).
            var defined = ((YamlSequenceNode)Child(table, "AttributeDefinitions")!).Children.Select(a => Scalar(Child(a, "AttributeName"))!).ToHashSet();
            var used = table.AllNodes.OfType<YamlMappingNode>().Where(n => Child(n, "KeyType") is not null)
                .Select(n => Scalar(Child(n, "AttributeName"))!).ToHashSet();
            Assert.Equal(used.Order(), defined.Order());
        }
        Assert.Equal(["data-status-index", "risk-level-index", "tier-index"], IndexNames("PackagesTable").Order());
        Assert.Equal("ttl", Scalar(Child(Child(apiKeys, "TimeToLiveSpecification"), "AttributeName")));
        Assert.Null(Child(packages, "StreamSpecification"));
    }

    [Fact]
    public void Every_index_the_code_queries_is_defined()
    {
        var defined = Template.ResourcesOfType(DynamoTable).SelectMany(IndexNames).ToHashSet();
        var used = Directory.EnumerateDirectories(SourceTree.Src).Select(Path.GetFileName).SelectMany(p => SourceTree.IndexNames(p!)).ToList();
        Assert.All(used, u => Assert.True(defined.Contains(u.Index), $"{u.Index} (in {u.File}) is not an index of any table"));
    }

    [Fact]
    public void Outputs_give_the_api_url()
    {
        var value = Child(Child(Template.Section("Outputs"), "ApiUrl"), "Value");
        Assert.Equal("!Sub", TagOf(value));
        Assert.StartsWith("https://${Api}.execute-api.${AWS::Region}.", Scalar(value));
    }

    private static IEnumerable<string> IndexNames(string table) =>
        Child(Template.Properties(table), "GlobalSecondaryIndexes") is YamlSequenceNode s
            ? s.Children.Select(i => Scalar(Child(i, "IndexName"))!)
            : [];

    private static IEnumerable<EnvironmentRead> ReadsOf(string project) =>
        SourceTree.ProjectClosure(project).SelectMany(SourceTree.EnvironmentReads)
            .Where(r => !IsPlatformProvided(r.Name) && !OptionalVariables.ContainsKey(r.Name));

    // Set by Lambda itself (AWS_REGION, AWS_LAMBDA_RUNTIME_API, _X_AMZN_TRACE_ID, LAMBDA_TASK_ROOT…).
    private static bool IsPlatformProvided(string name) =>
        name.StartsWith("AWS_", StringComparison.Ordinal) || name.StartsWith("_", StringComparison.Ordinal) || name.StartsWith("LAMBDA_", StringComparison.Ordinal);

    private sealed record Grant(string Policy, string Resource);

    private static List<Grant> PolicyGrants(string function) =>
        ((YamlSequenceNode?)Child(Template.Properties(function), "Policies"))?.Children.OfType<YamlMappingNode>()
            .SelectMany(m => m.Children)
            .Select(kv => new Grant(Scalar(kv.Key)!, ReferenceOf((kv.Value as YamlMappingNode)?.Children.Values.FirstOrDefault())?.Target ?? "?"))
            .ToList() ?? [];
}
