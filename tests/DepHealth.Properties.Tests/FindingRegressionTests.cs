using System.Text;
using System.Text.Json;
using DepHealth.Core.Api;
using DepHealth.Core.Manifests;
using DepHealth.Core.Packages;
using DepHealth.Lambda.ApiGateway;
using DepHealth.Lambda.Runtime;
using DepHealth.Properties.Tests.Generators;

namespace DepHealth.Properties.Tests;

/// <summary>Each input the properties or the fuzz harness found, fixed in Core/Lambda, kept as a plain regression case.</summary>
public sealed class FindingRegressionTests
{
    [Theory]
    [InlineData("\u212aoa")] // KELVIN SIGN matched [a-z] under IgnoreCase and lowercased to "koa"
    [InlineData("lodash\n")] // '$' matched before a trailing newline
    [InlineData("@scope/\u212a")]
    public void Npm_validation_refuses_look_alikes_and_trailing_newlines(string name)
    {
        var v = PackageNames.Validate(Ecosystem.Npm, name);
        Assert.False(v.IsValid, $"accepted as {v.Normalized}");
    }

    [Theory]
    [InlineData("requests\n")]
    [InlineData("\u212aeras")]
    public void PyPI_validation_refuses_look_alikes_and_trailing_newlines(string name) =>
        Assert.False(PackageNames.Validate(Ecosystem.PyPI, name).IsValid);

    [Fact]
    public void A_byte_order_mark_alone_is_an_unsupported_manifest_not_a_crash()
    {
        var e = Assert.Throws<ManifestParseException>(() => ManifestParser.Parse(null, "\uFEFF"));
        Assert.Equal(ManifestErrorCodes.UnsupportedFormat, e.Code);
    }

    [Theory]
    [InlineData(ManifestFormat.PackageJson, "{\"dependencies\":{\"a\":\"<HI>\"}}")] // raw lone surrogate in the text
    [InlineData(ManifestFormat.PackageJson, "{\"dependencies\":{\"\\ud800\":\"1\"}}")] // escaped lone surrogate as a name
    [InlineData(ManifestFormat.PackageLockJson, "{\"lockfileVersion\":3,\"packages\":{\"node_modules/a\":{\"version\":\"\\udc00\"}}}")]
    [InlineData(ManifestFormat.PyProjectToml, "[project]\ndependencies = [\"a<HI>\"]\n")]
    [InlineData(ManifestFormat.PnpmLock, "lockfileVersion: '9.0'\npackages:\n  \"a@1<LO>\": {}\n")]
    public void Unpaired_surrogates_are_an_invalid_manifest_the_parser_maps(ManifestFormat format, string template)
    {
        // Attribute strings cannot hold a lone surrogate (metadata is UTF-8): spliced in here.
        var content = template.Replace("<HI>", "\ud800").Replace("<LO>", "\udc00");
        var e = Assert.Throws<ManifestParseException>(() => ManifestParser.Parse(format, content));
        Assert.Equal(ManifestErrorCodes.Invalid, e.Code);
        Assert.DoesNotContain("could not be read", e.Message);
    }

    [Theory]
    [InlineData(ManifestFormat.PnpmLock, "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: !!b[ x\n")]
    [InlineData(ManifestFormat.YarnLock, "__metadata:\n  version: 8\n\"a@npm:1\": !!b[ x\n")]
    public void A_YAML_tag_that_is_not_a_URI_is_an_invalid_manifest(ManifestFormat format, string content)
    {
        // Found by AFL++ on the pnpm-lock target: YamlDotNet throws ArgumentException ("Global tags must be valid URIs").
        var e = Assert.Throws<ManifestParseException>(() => ManifestParser.Parse(format, content));
        Assert.Equal(ManifestErrorCodes.Invalid, e.Code);
        Assert.DoesNotContain("could not be read", e.Message);
    }

    [Theory]
    [InlineData(ManifestFormat.Pipfile, "[packages]\n\"a\\uD800\" = \"*\"\n")]
    [InlineData(ManifestFormat.PyProjectToml, "[project]\ndependencies = [\"a\\uDC00\"]\n")]
    [InlineData(ManifestFormat.Pipfile, "[packages]\na = \"\\U0000D800\"\n")]
    public void A_TOML_escape_of_a_surrogate_is_an_invalid_manifest(ManifestFormat format, string content)
    {
        // Found by AFL++ on the Pipfile target: Tomlyn throws ArgumentOutOfRangeException for such an escape.
        var e = Assert.Throws<ManifestParseException>(() => ManifestParser.Parse(format, content));
        Assert.Equal(ManifestErrorCodes.Invalid, e.Code);
        Assert.DoesNotContain("could not be read", e.Message);
    }

    [Fact]
    public void An_empty_pnpm_packages_section_is_no_packages()
    {
        var result = ManifestParser.Parse(ManifestFormat.PnpmLock, "lockfileVersion: '9.0'\n\npackages:\n\nsnapshots:\n");
        Assert.Empty(result.Dependencies);
    }

    [Theory]
    [InlineData("{\"dependencies\":[\"\\udc00x\"]}")]
    [InlineData("{\"dependencies\":{\"\\ud800\":\"1\"}}")]
    [InlineData("{\"ecosystem\":\"\\ud800\"}")]
    [InlineData("{\"content\":\"\\ud800\"}")]
    [InlineData("{\"content\":\"\\uFEFF\"}")]
    public async Task Scan_bodies_with_unreadable_strings_are_a_400_not_a_500(string body)
    {
        var api = new PropertyHarness();
        var r = await api.App.Handler.HandleAsync(new ApiRequest
        {
            Method = "POST", Path = "/v1/scan", Body = Encoding.UTF8.GetBytes(body),
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-API-Key"] = RequestGen.Key, ["Content-Type"] = "application/json" },
        });
        Assert.Equal(400, r.StatusCode);
        using var doc = JsonDocument.Parse(r.Body);
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("error").GetProperty("code").GetString()));
    }

    [Theory]
    [InlineData("\"body\":\"not base64!\",\"isBase64Encoded\":true", "\"/v1/scan\"")]
    [InlineData("\"body\":null,\"isBase64Encoded\":false", "\"/v1/packages/npm/\\ud800\"")]
    public async Task Unreadable_API_Gateway_events_are_a_400_invalid_request(string body, string path)
    {
        var api = new PropertyHarness();
        var handler = new ApiGatewayHandler(api.App.Handler, TextWriter.Null);
        var json = $"{{\"httpMethod\":\"POST\",\"path\":{path},\"headers\":{{\"Content-Type\":\"application/json\",\"X-API-Key\":\"{RequestGen.Key}\"}},{body}}}";
        var payload = await handler.InvokeAsync(new LambdaInvocation(new InvocationContext("r", DateTimeOffset.MaxValue, null, null), Encoding.UTF8.GetBytes(json)), default);
        using var doc = JsonDocument.Parse(payload);
        Assert.Equal(400, doc.RootElement.GetProperty("statusCode").GetInt32());
        using var error = JsonDocument.Parse(doc.RootElement.GetProperty("body").GetString()!);
        Assert.Equal(ErrorCodes.InvalidRequest, error.RootElement.GetProperty("error").GetProperty("code").GetString());
    }
}
