using System.Net.Sockets;
using System.Text;

namespace DepHealth.Api.Tests.Http;

/// <summary>Sends a request line byte for byte (HttpClient would normalise <c>../</c> and re-encode bytes).</summary>
public static class RawHttp
{
    public static async Task<(int Status, string Head, string Body)> GetAsync(int port, byte[] target, string? key = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        var request = new MemoryStream();
        request.Write("GET "u8);
        request.Write(target);
        var headers = $" HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n" + (key is null ? "" : $"X-API-Key: {key}\r\n") + "\r\n";
        request.Write(Encoding.ASCII.GetBytes(headers));
        await stream.WriteAsync(request.ToArray());
        using var response = new MemoryStream();
        await stream.CopyToAsync(response);
        var text = Encoding.UTF8.GetString(response.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var status = int.Parse(head.Split(' ')[1]);
        return (status, head, split < 0 ? "" : text[(split + 4)..]);
    }

    public static Task<(int Status, string Head, string Body)> GetAsync(int port, string target, string? key = null) =>
        GetAsync(port, Encoding.ASCII.GetBytes(target), key);
}
