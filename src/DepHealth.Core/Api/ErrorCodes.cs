namespace DepHealth.Core.Api;

/// <summary>The <c>error.code</c> values of the API (the original's codes plus the stricter validation ones).</summary>
public static class ErrorCodes
{
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string MissingParameter = "missing_parameter";
    public const string InvalidEcosystem = "invalid_ecosystem";
    public const string InvalidPackageName = "invalid_package_name";
    public const string PackageNotFound = "package_not_found";
    public const string RateLimitExceeded = "rate_limit_exceeded";
    public const string DemoRateLimitExceeded = "demo_rate_limit_exceeded";
    public const string InvalidApiKey = "invalid_api_key";
    public const string InvalidJson = "invalid_json";
    /// <summary>The request as the host delivered it cannot be read (a base64 body that does not decode, text that is not Unicode).</summary>
    public const string InvalidRequest = "invalid_request";
    public const string NoDependencies = "no_dependencies";
    public const string TooManyDependencies = "too_many_dependencies";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string InvalidFields = "invalid_fields";
    public const string InternalError = "internal_error";
    public const string ServiceUnavailable = "service_unavailable";
    public const string DeadlineExceeded = "deadline_exceeded";
}
