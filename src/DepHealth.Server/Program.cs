using System.CommandLine;
using DepHealth.Server;

// dotnet run --project src/DepHealth.Server [-- serve|import FILE|create-tables|create-key]
var urls = new Option<string?>("--urls") { Description = $"Addresses to listen on (default DEPHEALTH_URLS or {ServerHost.DefaultUrls})" };
var sample = new Option<string?>("--sample") { Description = "JSON-lines file imported at start when dynalite is started here (default data/sample-packages.jsonl)" };
var offline = new Option<bool>("--offline") { Description = "Collect unknown packages from the local upstream emulator (generated data) without trying the real upstream hosts" };
var file = new Argument<string>("file") { Description = "JSON-lines file of package records" };
var tier = new Option<string>("--tier") { Description = "free, starter, pro or business", DefaultValueFactory = _ => "free" };
var user = new Option<string?>("--user") { Description = "User id the key belongs to (default: a new one)" };

var serve = new Command("serve", "Serve the API (the default). Without DYNAMODB_ENDPOINT it starts dynalite, imports the sample data and prints a demo key.");
serve.Options.Add(urls);
serve.Options.Add(sample);
serve.Options.Add(offline);
serve.SetAction((r, ct) => ServerCommands.ServeAsync(r.GetValue(urls), r.GetValue(sample), r.GetValue(offline), Console.Out, ct));

var import = new Command("import", "Import package records (JSON lines) into the packages table at DYNAMODB_ENDPOINT.");
import.Arguments.Add(file);
import.SetAction((r, ct) => ServerCommands.ImportAsync(r.GetValue(file)!, Console.Out, ct));

var createTables = new Command("create-tables", "Create the packages and API-keys tables when missing.");
createTables.SetAction((_, ct) => ServerCommands.CreateTablesAsync(Console.Out, ct));

var createKey = new Command("create-key", "Create an API key and print it once.");
createKey.Options.Add(tier);
createKey.Options.Add(user);
createKey.SetAction((r, ct) => ServerCommands.CreateKeyAsync(r.GetValue(tier)!, r.GetValue(user), Console.Out, ct));

var root = new RootCommand("DepHealth local server: the DepHealth API on Kestrel, over DynamoDB or a local dynalite.");
root.Options.Add(urls);
root.Options.Add(sample);
root.Options.Add(offline);
root.Subcommands.Add(serve);
root.Subcommands.Add(import);
root.Subcommands.Add(createTables);
root.Subcommands.Add(createKey);
root.SetAction((r, ct) => ServerCommands.ServeAsync(r.GetValue(urls), r.GetValue(sample), r.GetValue(offline), Console.Out, ct));

return await root.Parse(args).InvokeAsync();
