using OciRuntime.Cgroups.V2;
using OciRuntime.Oci;

namespace OciRuntime.Tests.Cgroups.V2;

public sealed class IoV2Tests
{
    [Theory]
    [InlineData((ushort)10, 1ul)]
    [InlineData((ushort)500, 4950ul)]
    [InlineData((ushort)1000, 10000ul)]
    public void BlkioWeightToIoWeight(ushort weight, ulong io) => Assert.Equal(io, IoV2.IoWeight(weight));

    [Theory]
    [InlineData((ushort)9)]
    [InlineData((ushort)1001)]
    public void WeightOutOfRangeIsRefused(ushort weight) =>
        PlanAssert.Refused(() => IoV2.IoWeight(weight), "linux.resources.blockIO.weight: ");

    private static LinuxResources R() => new()
    {
        BlockIO = new LinuxBlockIO
        {
            Weight = 500,
            ThrottleReadBpsDevice = [new LinuxThrottleDevice { Major = 8, Minor = 0, Rate = 1048576 }],
            ThrottleWriteBpsDevice = [new LinuxThrottleDevice { Major = 8, Minor = 0, Rate = 0 }],
            ThrottleReadIopsDevice = [new LinuxThrottleDevice { Major = 8, Minor = 16, Rate = 100 }],
            ThrottleWriteIopsDevice = [new LinuxThrottleDevice { Major = 8, Minor = 16, Rate = 200 }],
        },
    };

    [Fact]
    public void WeightConvertedAndIoMaxPerKeySkippingZeroRates() =>
        PlanAssert.Equal(IoV2.Plan(R()),
            ":io.weight=4950", ":io.max=8:0 rbps=1048576", ":io.max=8:16 riops=100", ":io.max=8:16 wiops=200");

    [Fact]
    public void BfqTakesTheWeightUnconvertedAndPerDeviceWeights()
    {
        var r = R();
        r.BlockIO!.WeightDevice = [new LinuxWeightDevice { Major = 8, Minor = 0, Weight = 300 }];
        var lines = PlanAssert.Lines(IoV2.Plan(r, bfq: true, bfqDeviceWeight: true));
        Assert.Equal([":io.bfq.weight=500", ":io.bfq.weight=8:0 300"], lines[..2]);
    }

    [Fact]
    public void WhatV2CannotDoIsRefused()
    {
        var r = R();
        r.BlockIO!.WeightDevice = [new LinuxWeightDevice { Major = 8, Minor = 0, Weight = 300 }];
        PlanAssert.Refused(() => IoV2.Plan(r), "linux.resources.blockIO.weightDevice: ");
        PlanAssert.Refused(() => IoV2.Plan(new LinuxResources { BlockIO = new LinuxBlockIO { LeafWeight = 100 } }), "linux.resources.blockIO.leafWeight: ");
    }
}
