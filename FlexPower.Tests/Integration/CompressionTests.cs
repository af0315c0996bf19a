using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

/// <summary>
/// What goes over the wire on real Kestrel: static assets precompressed with working revalidation, and pages and API
/// answers compressed on the fly — in Development (`dotnet run`) as in Production.
/// </summary>
public sealed class CompressionTests
{
    private static HttpClient RawClient(KestrelApp app) =>
        new(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };

    private static async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(HttpClient client, string path, string? acceptEncoding, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        if (ifNoneMatch is not null) request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(ifNoneMatch));
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    private static byte[] Decode(string encoding, byte[] body)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    [Theory]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js")]
    [InlineData("/_framework/blazor.web.js")]
    public async Task StaticAsset_InDevelopment_IsSentCompressedSmallerThanTheFile_AndRevalidatesWith304(string path)
    {
        await using var app = KestrelApp.Start(seedDemo: false);
        using var client = RawClient(app);

        var (plain, file) = await GetAsync(client, path, acceptEncoding: null);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Empty(plain.Content.Headers.ContentEncoding);

        var (compressed, body) = await GetAsync(client, path, "gzip, deflate, br");
        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        var encoding = Assert.Single(compressed.Content.Headers.ContentEncoding);
        Assert.Contains(encoding, new[] { "br", "gzip" });
        Assert.True(body.Length < file.Length / 3, $"{path}: {body.Length} bytes as {encoding} for a {file.Length}-byte file");
        Assert.Equal(file, Decode(encoding, body));

        var etag = compressed.Headers.ETag?.ToString();
        Assert.NotNull(etag);
        var (revalidated, nothing) = await GetAsync(client, path, "gzip, deflate, br", ifNoneMatch: etag);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(nothing);

        var (changed, _) = await GetAsync(client, path, "gzip, deflate, br", ifNoneMatch: "\"some-other-version\"");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Theory]
    [InlineData("Development", "/Account/Login", "<html")]
    [InlineData("Production", "/Account/Login", "<html")]
    [InlineData("Development", "/openapi/v1.json", "\"openapi\"")]
    [InlineData("Production", "/openapi/v1.json", "\"openapi\"")]
    public async Task DynamicResponse_IsSentCompressed_OnlyToClientsThatAcceptIt(string environment, string path, string content)
    {
        await using var app = KestrelApp.Start(seedDemo: false, environment);
        using var client = RawClient(app);

        var (plain, text) = await GetAsync(client, path, acceptEncoding: null);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Empty(plain.Content.Headers.ContentEncoding);

        foreach (var (accept, expected) in new[] { ("gzip, deflate, br", "br"), ("gzip", "gzip") })
        {
            var (compressed, body) = await GetAsync(client, path, accept);
            Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
            Assert.Equal(expected, Assert.Single(compressed.Content.Headers.ContentEncoding));
            Assert.True(body.Length < text.Length / 2, $"{path}: {body.Length} bytes as {expected} for {text.Length} plain");
            Assert.Contains(content, System.Text.Encoding.UTF8.GetString(Decode(expected, body)));
            Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        }
    }
}
