using DepHealth.Core.Manifests;

namespace DepHealth.Core.Tests.Manifests;

public class DependencyKindsTests
{
    [Fact]
    public void Strength_order_is_prod_peer_optional_dev()
    {
        DependencyKind[] order = [DependencyKind.Prod, DependencyKind.Peer, DependencyKind.Optional, DependencyKind.Dev];
        for (var i = 0; i < order.Length; i++)
            for (var j = 0; j < order.Length; j++)
                Assert.Equal(i < j, order[i].IsStrongerThan(order[j]));
    }

    [Fact]
    public void Wire_names()
    {
        Assert.Equal(["prod", "peer", "optional", "dev"], Enum.GetValues<DependencyKind>().Select(k => k.ToWire()));
    }
}
