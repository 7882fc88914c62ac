namespace Homelab.DevCluster.Defaulting;

/// <summary>Hands out service cluster IPs from 10.96.0.0/16 and node ports from 30000–32767, never twice.</summary>
internal sealed class ClusterIpAllocator
{
    private int _nextAddress = 10;
    private int _nextNodePort = 30000;

    public string NextClusterIp()
    {
        var n = Interlocked.Increment(ref _nextAddress);
        return $"10.96.{(n >> 8) & 0xff}.{n & 0xff}";
    }

    public int NextNodePort() => 30000 + ((Interlocked.Increment(ref _nextNodePort) - 30000) % 2768);
}
