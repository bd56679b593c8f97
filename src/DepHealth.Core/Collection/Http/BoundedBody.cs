using System.Buffers;

namespace DepHealth.Core.Collection.Http;

/// <summary>Thrown when a response body exceeds the configured cap; the call fails, the process does not.</summary>
public sealed class ResponseTooLargeException(long limit) : Exception($"response body exceeds {limit} bytes")
{
    public long Limit { get; } = limit;
}

/// <summary>Reads a response body into memory, never more than a fixed number of bytes.</summary>
public static class BoundedBody
{
    public static async Task<byte[]> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is long declared && declared > maxBytes)
            throw new ResponseTooLargeException(maxBytes);

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var output = new MemoryStream(capacity: (int)Math.Min(content.Headers.ContentLength ?? 16 * 1024, maxBytes));
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (output.Length + read > maxBytes)
                    throw new ResponseTooLargeException(maxBytes);
                output.Write(buffer, 0, read);
            }
            return output.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
