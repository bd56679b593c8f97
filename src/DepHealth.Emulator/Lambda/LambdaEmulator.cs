using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace DepHealth.Emulator.Lambda;

/// <summary>
/// Runs a Lambda function locally: a loopback Runtime API plus the function's bootstrap process, driven from .NET.
/// <code>
/// await using var emu = await LambdaEmulator.StartAsync("publish/bootstrap", env);
/// var result = await emu.InvokeAsync(eventJson, TimeSpan.FromSeconds(10));
/// </code>
/// </summary>
public sealed class LambdaEmulator : IAsyncDisposable
{
    private readonly RuntimeApiServer _server;
    private readonly BootstrapProcess? _process;
    private readonly LambdaEmulatorOptions _options;

    private LambdaEmulator(RuntimeApiServer server, BootstrapProcess? process, LambdaEmulatorOptions options)
    {
        _server = server;
        _process = process;
        _options = options;
        _process?.Exited.ContinueWith(_ => OnProcessExited(), TaskScheduler.Default);
    }

    /// <summary>Starts the Runtime API and the bootstrap (a native executable, or a .dll run with <c>dotnet</c>).</summary>
    public static async Task<LambdaEmulator> StartAsync(string bootstrapPath, IReadOnlyDictionary<string, string?>? environment = null,
        LambdaEmulatorOptions? options = null)
    {
        options ??= new LambdaEmulatorOptions();
        var server = await RuntimeApiServer.StartAsync(options).ConfigureAwait(false);
        try
        {
            var env = LambdaEnvironment(server.Address, bootstrapPath, options);
            if (environment is not null)
                foreach (var (key, value) in environment)
                    env[key] = value;
            var process = BootstrapProcess.Start(bootstrapPath, env, options.Echo);
            server.Origin = process.StartedAt;
            return new LambdaEmulator(server, process, options);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts only the Runtime API, for a runtime the caller runs itself (in-process tests).</summary>
    public static async Task<LambdaEmulator> StartServerAsync(LambdaEmulatorOptions? options = null)
    {
        options ??= new LambdaEmulatorOptions();
        return new LambdaEmulator(await RuntimeApiServer.StartAsync(options).ConfigureAwait(false), null, options);
    }

    /// <summary>host:port of the Runtime API (the bootstrap's AWS_LAMBDA_RUNTIME_API).</summary>
    public string RuntimeApi => _server.Address;

    public int? ProcessId => _process?.Id;

    /// <summary>Every Runtime API call so far, in arrival order.</summary>
    public IReadOnlyList<RuntimeApiCall> Journal => _server.Journal;

    /// <summary>The bootstrap's stdout and stderr lines so far.</summary>
    public IReadOnlyCollection<string> Output => _process?.Output ?? [];

    public LambdaInitFailure? InitFailure => _server.InitFailure;

    /// <summary>Completes with the exit code when the bootstrap exits.</summary>
    public Task<int> Exited => _process?.Exited ?? new TaskCompletionSource<int>().Task;

    /// <summary>Process start → first <c>next</c> (init done); null when init has not finished or failed.</summary>
    public TimeSpan? InitDuration => _server.FirstNext.IsCompletedSuccessfully
        ? Stopwatch.GetElapsedTime(_server.Origin, _server.FirstNext.Result)
        : null;

    /// <summary>Peak RSS of the bootstrap (VmHWM), while it runs.</summary>
    public long? PeakRssBytes() => _process?.PeakRssBytes();

    /// <summary>Waits until the runtime first asks for an event; returns false if it exited or failed init first.</summary>
    public async Task<bool> WaitForInitAsync(TimeSpan timeout)
    {
        var done = await Task.WhenAny(_server.FirstNext, Exited, Task.Delay(timeout)).ConfigureAwait(false);
        return done == _server.FirstNext;
    }

    /// <summary>
    /// Waits until the runtime has asked for an event <paramref name="count"/> times in all: once it asks after an
    /// invocation, that invocation's after-response work is done.
    /// </summary>
    public Task<bool> WaitForNextCallsAsync(int count, TimeSpan timeout) => _server.WaitForNextCallsAsync(count, timeout);

    /// <summary>Queues one event with a deadline of now + <paramref name="timeout"/> and waits for its outcome.</summary>
    public async Task<LambdaInvocationResult> InvokeAsync(string eventJson, TimeSpan timeout, string? traceId = null,
        CancellationToken cancellationToken = default)
    {
        var invocation = new PendingInvocation(Guid.NewGuid().ToString(), Encoding.UTF8.GetBytes(eventJson),
            DateTimeOffset.UtcNow + timeout, traceId ?? NewTraceId());
        _server.Enqueue(invocation);
        if (_process is not null && _process.Exited.IsCompleted)
            OnProcessExited();

        var limit = Task.Delay(timeout + _options.TimeoutGrace, cancellationToken);
        if (await Task.WhenAny(invocation.Completion.Task, limit).ConfigureAwait(false) != invocation.Completion.Task)
        {
            cancellationToken.ThrowIfCancellationRequested();
            invocation.TryComplete(LambdaInvocationStatus.Timeout, [], "Sandbox.Timedout");
        }
        var (status, body, errorType, at) = await invocation.Completion.Task.ConfigureAwait(false);
        return new LambdaInvocationResult(status, invocation.RequestId, body, errorType,
            Stopwatch.GetElapsedTime(invocation.EnqueuedAt, at), Stopwatch.GetElapsedTime(_server.Origin, at));
    }

    private void OnProcessExited()
    {
        if (_server.InitFailure is { } failure)
            _server.CompleteAll(LambdaInvocationStatus.InitError, failure.Body, failure.ErrorType);
        else
            _server.CompleteAll(LambdaInvocationStatus.ProcessExited, Encoding.UTF8.GetBytes(string.Join('\n', Output)), "Runtime.ExitError");
    }

    // What Lambda sets for a provided.al2023 function; the caller's environment is applied on top.
    private static Dictionary<string, string?> LambdaEnvironment(string runtimeApi, string bootstrapPath, LambdaEmulatorOptions options) => new()
    {
        ["AWS_LAMBDA_RUNTIME_API"] = runtimeApi,
        ["AWS_LAMBDA_FUNCTION_NAME"] = options.FunctionName,
        ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
        ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = options.MemorySizeMb.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["AWS_REGION"] = options.Region,
        ["AWS_DEFAULT_REGION"] = options.Region,
        ["AWS_EXECUTION_ENV"] = "AWS_Lambda_provided.al2023",
        ["LAMBDA_TASK_ROOT"] = Path.GetDirectoryName(Path.GetFullPath(bootstrapPath)),
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    private static string NewTraceId()
    {
        var epoch = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        return $"Root=1-{epoch}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))};" +
               $"Parent={Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))};Sampled=0";
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
            await _process.DisposeAsync().ConfigureAwait(false);
        _server.CompleteAll(LambdaInvocationStatus.ProcessExited, [], "Emulator.Stopped");
        await _server.DisposeAsync().ConfigureAwait(false);
    }
}
