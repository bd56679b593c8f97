using System.Text.Json.Serialization;
using DepHealth.Lambda.Events;
using DepHealth.Lambda.Runtime;

namespace DepHealth.Lambda.Json;

/// <summary>Source-generated serialisation of the Lambda event models and the runtime's error document.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(LambdaError))]
[JsonSerializable(typeof(APIGatewayProxyRequest))]
[JsonSerializable(typeof(APIGatewayProxyResponse))]
[JsonSerializable(typeof(SQSEvent))]
[JsonSerializable(typeof(SQSBatchResponse))]
[JsonSerializable(typeof(ScheduledEvent))]
public sealed partial class LambdaJsonContext : JsonSerializerContext;
