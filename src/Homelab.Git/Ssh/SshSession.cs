using System.Text;
using Homelab.Git.Credentials;

namespace Homelab.Git.Ssh;

/// <summary>
/// The files one SSH operation needs, in a private temporary directory (0700) that is deleted when
/// the operation ends: the private key (0600), the <c>known_hosts</c> from the Secret (0600), the
/// passphrase and its askpass helper when the key has one, and an <c>ssh</c> wrapper script that
/// libgit2 runs instead of plain <c>ssh</c>. Everything is per operation and per repository, so no
/// environment variable or other process-wide state carries a key.
/// </summary>
internal sealed class SshSession : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateExecutable = Private | UnixFileMode.UserExecute;

    private readonly DirectoryInfo _directory;

    private SshSession(DirectoryInfo directory, string commandPath, string logPath)
    {
        _directory = directory;
        CommandPath = commandPath;
        LogPath = logPath;
    }

    /// <summary>The wrapper to put in <c>core.sshCommand</c>; libgit2 runs it as a program (no shell) with ssh's arguments.</summary>
    public string CommandPath { get; }

    /// <summary>Where ssh's standard error goes (its own errors and the remote's), read to explain a failure.</summary>
    public string LogPath { get; }

    public static SshSession Start(string sshExecutable, GitCredentials credentials, TimeSpan connectTimeout)
    {
        var knownHosts = credentials.KnownHosts ?? throw new InvalidOperationException("known_hosts must be checked before an SSH session starts");
        var directory = Directory.CreateTempSubdirectory("homelab-ssh-");
        try
        {
            var keyPath = Write(directory, "identity", NormalizeKey(credentials.SshPrivateKey!), Private);
            var knownHostsPath = Write(directory, "known_hosts", knownHosts.ToOpenSshText(), Private);
            var logPath = Path.Combine(directory.FullName, "ssh.log");
            var options = new List<string>
            {
                "-F", "/dev/null", // no user or system ssh_config: only what is written here applies
                "-i", keyPath,
                "-o", "IdentitiesOnly=yes",
                "-o", "IdentityAgent=none",
                "-o", $"UserKnownHostsFile={knownHostsPath}",
                "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "StrictHostKeyChecking=yes",
                "-o", "UpdateHostKeys=no",
                "-o", "PreferredAuthentications=publickey",
                "-o", "PasswordAuthentication=no",
                "-o", "KbdInteractiveAuthentication=no",
                "-o", $"ConnectTimeout={Math.Max(1, (int)Math.Ceiling(connectTimeout.TotalSeconds))}",
                "-o", "LogLevel=ERROR",
            };

            var environment = "";
            if (credentials.SshPassphrase is { } passphrase)
            {
                // BatchMode would also silence the askpass helper, so a passphrase-protected key runs
                // without it; no prompt can reach a user anyway: host keys are strict, password and
                // keyboard-interactive logins are off, and the helper only ever prints the passphrase.
                var passphrasePath = Write(directory, "passphrase", passphrase, Private);
                var askPassPath = Write(directory, "askpass", $"#!/bin/sh\nexec cat {Quote(passphrasePath)}\n", PrivateExecutable);
                environment = $"SSH_ASKPASS={Quote(askPassPath)} SSH_ASKPASS_REQUIRE=force DISPLAY= ";
                options.AddRange(["-o", "BatchMode=no", "-o", "NumberOfPasswordPrompts=1"]);
            }
            else
            {
                options.AddRange(["-o", "BatchMode=yes"]);
            }

            var script = new StringBuilder()
                .Append("#!/bin/sh\n")
                .Append("# Written by Homelab for one Git operation; deleted when it ends.\n")
                .Append($"{environment}exec {Quote(sshExecutable)} {string.Join(' ', options.Select(Quote))} \"$@\" 2>>{Quote(logPath)}\n")
                .ToString();
            var commandPath = Write(directory, "ssh", script, PrivateExecutable);
            return new SshSession(directory, commandPath, logPath);
        }
        catch
        {
            directory.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>What ssh wrote to standard error, or an empty string.</summary>
    public string ReadLog() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

    public void Dispose()
    {
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the directory is private to this user and in the temp directory.
        }
    }

    private static string Write(DirectoryInfo directory, string name, string content, UnixFileMode mode)
    {
        var path = Path.Combine(directory.FullName, name);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created with its final mode: the key is never readable by others, not even for a moment.
            options.UnixCreateMode = mode;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(content);
        return path;
    }

    // OpenSSH refuses a key file with CRLF line ends or without a final newline ("invalid format").
    private static string NormalizeKey(string key)
    {
        var text = key.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        return text + "\n";
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
