using System.Globalization;
using DepHealth.Lambda.ApiGateway;
using DepHealth.Lambda.Runtime;
using DepHealth.Lambda.TestFunction;

// Environment: TEST_FUNCTION_INIT_FAIL=1 fails init; TEST_FUNCTION_MARK=1 journals the after-response work;
// TEST_FUNCTION_MARGIN_MS sets the deadline margin.
var options = new LambdaRuntimeOptions();
if (int.TryParse(Environment.GetEnvironmentVariable("TEST_FUNCTION_MARGIN_MS"), CultureInfo.InvariantCulture, out var margin))
    options.DeadlineMargin = TimeSpan.FromMilliseconds(margin);

return await LambdaBootstrap.RunAsync(() =>
{
    if (Environment.GetEnvironmentVariable("TEST_FUNCTION_INIT_FAIL") == "1")
        throw new InvalidOperationException("test function: configured to fail init");
    var marker = Environment.GetEnvironmentVariable("TEST_FUNCTION_MARK") == "1" ? new EmulatorMarker() : null;
    return new LambdaFunction(new ActionHandler(new ApiGatewayHandler(new EchoApiHandler())), marker);
}, options);
