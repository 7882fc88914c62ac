using System.Diagnostics;
using System.Net;
using System.Text;

namespace Homelab.Git.Tests.Infrastructure;

/// <summary>
/// The real OpenSSH server on a loopback address, with a generated host key and one authorised client
/// key, serving repositories by their absolute paths (<c>ssh://user@127.0.0.1:port/abs/repo.git</c>).
/// </summary>
public sealed class SshServer : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log;

    private SshServer(Process process, StringBuilder log, string address, int port, SshKeyPair hostKey, SshKeyPair clientKey, string authorizedKeysPath)
    {
        _process = process;
        _log = log;
        Address = address;
        Port = port;
        HostKey = hostKey;
        ClientKey = clientKey;
        AuthorizedKeysPath = authorizedKeysPath;
    }

    public string Address { get; }

    public int Port { get; }

    public SshKeyPair HostKey { get; }

    /// <summary>The key the server accepts (until <see cref="AuthorizeOnly"/> changes it).</summary>
    public SshKeyPair ClientKey { get; }

    public string AuthorizedKeysPath { get; }

    /// <summary>The known_hosts line for this server's real host key.</summary>
    public string KnownHostsLine => $"{HostPattern} {HostKey.PublicKeyTypeAndData}\n";

    public string HostPattern => Port == 22 ? Address : $"[{Address}]:{Port}";

    public static string User => Environment.UserName;

    public string UrlFor(string absolutePath) => $"ssh://{User}@{Address}:{Port}{absolutePath}";

    /// <summary>Replaces the authorised keys, e.g. to revoke <see cref="ClientKey"/>; sshd reads the file per connection.</summary>
    public void AuthorizeOnly(SshKeyPair key) => File.WriteAllText(AuthorizedKeysPath, key.PublicKey + "\n");

    /// <summary>Starts sshd on <paramref name="address"/> (a free port unless one is given).</summary>
    public static async Task<SshServer> StartAsync(string directory, string address = "127.0.0.1", int? port = null)
    {
        await OpenSshServerPackage.EnsureInstalledAsync();
        Directory.CreateDirectory(directory);
        // sshd refuses to start without its privilege separation directory (normally made by systemd).
        Directory.CreateDirectory("/run/sshd");
        var hostKey = SshKeyPair.Generate(directory, "host_key");
        var clientKey = SshKeyPair.Generate(directory, "client_key");
        var authorizedKeys = Path.Combine(directory, "authorized_keys");
        File.WriteAllText(authorizedKeys, clientKey.PublicKey + "\n");

        var listenPort = port ?? FreePort.Pick();
        var config = Path.Combine(directory, "sshd_config");
        // SHLVL=1: bash skips ~/.bashrc for a nested shell, and a login's .bashrc (pyenv init and the
        // like) can cost seconds per connection on a busy machine.
        File.WriteAllText(config, $"""
            ListenAddress {address}:{listenPort}
            HostKey {hostKey.PrivateKeyPath}
            AuthorizedKeysFile {authorizedKeys}
            PermitRootLogin prohibit-password
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            StrictModes no
            UsePAM no
            PidFile {Path.Combine(directory, "sshd.pid")}
            SetEnv SHLVL=1

            """);

        var psi = new ProcessStartInfo(OpenSshServerPackage.Sshd) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-D", "-e", "-f", config })
        {
            psi.ArgumentList.Add(arg);
        }

        var log = new StringBuilder();
        var process = Process.Start(psi)!;
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new SshServer(process, log, address, listenPort, hostKey, clientKey, authorizedKeys);
        try
        {
            await FreePort.WaitUntilAcceptingAsync(IPAddress.Parse(address), listenPort, TimeSpan.FromSeconds(15)).WaitAsync(WhenExited(process));
        }
        catch (Exception e)
        {
            server.Dispose();
            throw new InvalidOperationException($"sshd did not start on {address}:{listenPort}: {server.Log}", e);
        }

        return server;
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    internal static string RunTool(string file, params string[] args)
    {
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"{file} not found; the SSH tests need OpenSSH: apt-get install -y openssh-server");
        }

        var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {stderr.Result}");
        }

        return stdout;
    }

    // Turns an early sshd exit (bad config, port taken) into an immediate failure instead of a wait.
    private static CancellationToken WhenExited(Process process)
    {
        var cts = new CancellationTokenSource();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => cts.Cancel();
        if (process.HasExited)
        {
            cts.Cancel();
        }

        return cts.Token;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
