using DepHealth.Testing;

namespace DepHealth.Lambda.Tests.EndToEnd;

/// <summary>
/// Publishes the real Native AOT bootstraps (GetPackage, PostScan, Collector) once per test run into a temporary folder,
/// one after the other (they share Core's and Lambda's linux-x64 build), and starts dynalite meanwhile.
/// </summary>
public sealed class PublishedFunctions : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dephealth-lambda-e2e-" + Guid.NewGuid().ToString("N")[..8]);

    public AotPublisher.Result GetPackage { get; private set; } = null!;
    public AotPublisher.Result PostScan { get; private set; } = null!;
    public AotPublisher.Result Collector { get; private set; } = null!;
    public FunctionStack Stack { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var stack = FunctionStack.StartAsync();
        GetPackage = await PublishAsync("DepHealth.Functions.GetPackage");
        PostScan = await PublishAsync("DepHealth.Functions.PostScan");
        Collector = await PublishAsync("DepHealth.Functions.Collector");
        Stack = await stack;
    }

    private async Task<AotPublisher.Result> PublishAsync(string project)
    {
        var path = Path.Combine(RepoPaths.Root, "src", project, project + ".csproj");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        return await AotPublisher.PublishAsync(path, Path.Combine(_root, project), cancellationToken: timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (Stack is not null)
            await Stack.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PublishedFunctionsCollection : ICollectionFixture<PublishedFunctions>
{
    public const string Name = "published AOT functions";
}
