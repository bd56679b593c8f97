using DepHealth.Testing;

namespace DepHealth.Lambda.Tests.EndToEnd;

/// <summary>The published bootstraps: built without a single warning, runnable on provided.al2023 (glibc ≤ 2.34).</summary>
[Collection(PublishedFunctionsCollection.Name)]
public class BootstrapBuildTests(PublishedFunctions functions)
{
    public static TheoryData<string> Functions => new() { "GetPackage", "PostScan", "Collector" };

    private AotPublisher.Result Build(string function) => function switch
    {
        "GetPackage" => functions.GetPackage,
        "PostScan" => functions.PostScan,
        _ => functions.Collector,
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void Publishes_a_native_bootstrap_with_zero_warnings(string function)
    {
        var build = Build(function);

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.True(build.Warnings == 0, $"expected '0 Warning(s)' in the publish output:\n{build.Output}");
        Assert.Equal(0, build.Errors);
        Assert.True(File.Exists(build.File("bootstrap")), "no bootstrap executable");
        Assert.False(File.Exists(build.File("bootstrap.dll")), "a managed bootstrap.dll was published: not Native AOT");
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Needs_no_glibc_newer_than_amazon_linux_2023s(string function)
    {
        var newest = await GlibcRequirement.NewestRequiredAsync(Build(function).File("bootstrap"));

        Assert.True(newest <= GlibcRequirement.AmazonLinux2023, $"{function} needs GLIBC_{newest}, provided.al2023 has 2.34");
    }
}
