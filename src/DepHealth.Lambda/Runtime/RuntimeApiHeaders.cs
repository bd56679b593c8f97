namespace DepHealth.Lambda.Runtime;

/// <summary>Header and environment names of the Lambda Runtime API (2018-06-01).</summary>
public static class RuntimeApiHeaders
{
    public const string RequestId = "Lambda-Runtime-Aws-Request-Id";
    public const string DeadlineMs = "Lambda-Runtime-Deadline-Ms";
    public const string InvokedFunctionArn = "Lambda-Runtime-Invoked-Function-Arn";
    public const string TraceId = "Lambda-Runtime-Trace-Id";
    public const string ClientContext = "Lambda-Runtime-Client-Context";
    public const string CognitoIdentity = "Lambda-Runtime-Cognito-Identity";
    public const string FunctionErrorType = "Lambda-Runtime-Function-Error-Type";

    /// <summary>The error body's media type, as the Runtime API documents it.</summary>
    public const string ErrorContentType = "application/vnd.aws.lambda.error+json";

    /// <summary>host:port of the Runtime API, set by Lambda (or the emulator) for the bootstrap.</summary>
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>Where X-Ray and the AWS SDK read the current invocation's trace header.</summary>
    public const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    /// <summary>The API version prefix of every Runtime API path.</summary>
    public const string ApiVersion = "2018-06-01";
}
