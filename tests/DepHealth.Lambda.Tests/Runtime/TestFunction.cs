using DepHealth.Emulator.Lambda;

namespace DepHealth.Lambda.Tests.Runtime;

/// <summary>Starts the JIT-built test function (tests/DepHealth.Lambda.TestFunction) under the Lambda emulator.</summary>
public static class TestFunction
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "DepHealth.Lambda.TestFunction.dll");

    public static async Task<LambdaEmulator> StartAsync(params (string Key, string Value)[] environment)
    {
        var emu = await LambdaEmulator.StartAsync(Dll, environment.ToDictionary(e => e.Key, e => (string?)e.Value));
        Assert.True(await emu.WaitForInitAsync(TimeSpan.FromSeconds(30)), "test function did not reach its first 'next':\n" + string.Join('\n', emu.Output));
        return emu;
    }
}
