using Homelab.Git.Credentials;
using Homelab.Git.Mapping;
using Homelab.Git.Refs;
using Homelab.Git.Revisions;
using Homelab.Git.Ssh;
using LibGit2Sharp;
using LibGit2Sharp.Handlers;

namespace Homelab.Git.Fetching;

/// <summary>
/// Fetches Git refs into the <see cref="RepositoryCache"/>. A sync lists the remote refs (one cheap
/// round trip) and fetches only when the wanted ref points somewhere the cache does not have yet.
/// LibGit2Sharp calls block, so they run on the thread pool; cancellation and the timeout stop a
/// fetch through its progress callbacks, and a caller never waits past its token even when the
/// native call is stuck (the per-repository gate stays held until the native call really ends).
/// </summary>
public sealed class GitSourceClient : IDisposable
{
    private const string HeadsWildcard = "+refs/heads/*:refs/heads/*";
    private const string TagsWildcard = "+refs/tags/*:refs/tags/*";
    private const string OriginRemote = "origin";

    private readonly GitSourceOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly RepositoryCache _cache;
    private readonly RepositoryUrlMapper _mapper;
    private readonly RetryPolicy _retry;
    private readonly SshTransport _ssh;
    private readonly HttpClient _http = new();

    public GitSourceClient(GitSourceOptions options, TimeProvider timeProvider, GitOperationCounters? counters = null)
    {
        options.Validate();
        _options = options;
        _timeProvider = timeProvider;
        _cache = new RepositoryCache(options.CacheDirectory, options.MaxConcurrencyPerRepository);
        _mapper = new RepositoryUrlMapper(options.UrlMappings);
        _retry = new RetryPolicy(options.MaxAttempts, options.RetryDelay, options.MaxRetryDelay, timeProvider);
        _ssh = new SshTransport(_cache, options.Timeout);
        Counters = counters ?? new GitOperationCounters();
    }

    public GitOperationCounters Counters { get; }

    /// <summary>ls-remote: the refs the repository advertises, with HEAD's branch.</summary>
    public Task<RemoteRefs> ListRemoteRefsAsync(string url, GitCredentials credentials, CancellationToken cancellationToken)
    {
        var target = _mapper.Map(url);
        TransportSupport.EnsureSupported(target, credentials);
        if (credentials.Kind == GitCredentialKind.Bearer && GitUrl.IsHttp(target))
        {
            return _retry.ExecuteAsync(ct => ListRemoteOverHttpAsync(target, credentials, ct), cancellationToken);
        }

        return _retry.ExecuteAsync(ct => RunGatedAsync(target, "ls-remote", credentials, token => ListRemote(target, credentials, token), ct), cancellationToken);
    }

    /// <summary>
    /// Brings the cache up to date for the request and resolves its revision. Costs one ls-remote when
    /// nothing moved, plus one fetch when it did; a pinned commit already cached costs nothing.
    /// </summary>
    public async Task<GitSyncResult> SyncAsync(GitSourceRequest request, GitRevision? previous, CancellationToken cancellationToken)
    {
        var target = _mapper.Map(request.Url);
        TransportSupport.EnsureSupported(target, request.Credentials);
        var cachePath = _cache.PathFor(target);

        if (request.Ref is { Kind: RefKind.Commit, Branch: null } && HasCommit(target, request.Ref.Value))
        {
            var pinned = new GitRevision(null, request.Ref.Value);
            return new GitSyncResult(pinned, !pinned.SameCommit(previous), Fetched: false, HistoryRewritten: false, cachePath);
        }

        var resolved = request.Ref is { Kind: RefKind.Commit, Branch: null }
            ? RefResolver.Resolve(request.Ref, new RemoteRefs([], null))
            : RefResolver.Resolve(request.Ref, await ListRemoteRefsAsync(request.Url, request.Credentials, cancellationToken));

        var fetched = false;
        if (!IsCached(target, resolved))
        {
            var refspecs = resolved.FetchRef is null ? new[] { HeadsWildcard, TagsWildcard } : [$"+{resolved.FetchRef}:{resolved.FetchRef}"];
            await _retry.ExecuteAsync(ct => RunGatedAsync(target, "fetch", request.Credentials, token => Fetch(target, refspecs, request.Credentials, token), ct), cancellationToken);
            fetched = true;
        }

        using var repo = _cache.Open(target);
        var commit = CommitFor(repo, resolved, request.Ref);
        var revision = new GitRevision(resolved.DisplayName, commit.Sha);
        // Only a move of the same branch can rewrite history; a spec switched to another ref cannot.
        var rewritten = previous is not null && !revision.SameCommit(previous) && IsBranch(request.Ref)
            && previous.RefName == revision.RefName && !Descends(repo, commit, previous.Sha);
        return new GitSyncResult(revision, !revision.SameCommit(previous), fetched, rewritten, cachePath);
    }

    private bool HasCommit(string url, string sha)
    {
        using var repo = _cache.Open(url);
        return repo.Lookup<Commit>(sha) is not null;
    }

    private bool IsCached(string url, ResolvedRef resolved)
    {
        using var repo = _cache.Open(url);
        if (resolved.PinnedCommit is not null)
        {
            // A commit is immutable: once cached, where its branch has moved since does not matter.
            return repo.Lookup<Commit>(resolved.PinnedCommit) is not null;
        }

        var local = repo.Refs[resolved.FetchRef!];
        return local is not null && string.Equals(local.TargetIdentifier, resolved.AdvertisedSha, StringComparison.Ordinal);
    }

    private static Commit CommitFor(Repository repo, ResolvedRef resolved, RefSelector selector)
    {
        if (resolved.PinnedCommit is not null)
        {
            return repo.Lookup<Commit>(resolved.PinnedCommit)
                ?? throw new GitSourceException(GitFailureReason.RefNotFound, $"commit '{resolved.PinnedCommit}' not found{(selector.Branch is null ? " in any branch or tag" : $" on branch '{selector.Branch}'")}");
        }

        var reference = repo.Refs[resolved.FetchRef!]
            ?? throw new GitSourceException(GitFailureReason.RefNotFound, $"{selector} not found after fetch");
        return reference.ResolveToDirectReference().Target.Peel<Commit>()
            ?? throw new GitSourceException(GitFailureReason.RefNotFound, $"{selector} does not point at a commit");
    }

    private static bool IsBranch(RefSelector selector) =>
        selector.Kind is RefKind.DefaultBranch or RefKind.Branch or RefKind.BranchOrTag;

    private static bool Descends(Repository repo, Commit commit, string previousSha)
    {
        var previous = repo.Lookup<Commit>(previousSha);
        if (previous is null)
        {
            // We never had the old commit (e.g. a new cache): nothing tells us history was rewritten.
            return true;
        }

        return repo.ObjectDatabase.FindMergeBase(previous, commit)?.Sha == previous.Sha;
    }

    private async Task<T> RunGatedAsync<T>(string url, string operation, GitCredentials credentials, Func<CancellationToken, T> work, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var token = linked.Token;
        var gate = _cache.GateFor(url);
        try
        {
            await gate.WaitAsync(token);
            var task = Task.Run(() => work(token), CancellationToken.None);
            _ = task.ContinueWith(_ => gate.Release(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            return await task.WaitAsync(token);
        }
        catch (Exception e) when (e is OperationCanceledException or UserCancelledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new GitSourceException(GitFailureReason.Timeout, $"{operation} '{GitUrl.Scrub(url)}' timed out after {_options.Timeout.TotalSeconds:0.#} s");
        }
        catch (UserCancelledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (LibGit2SharpException e)
        {
            throw LibGit2Errors.Translate(e, operation, url, credentials);
        }
    }

    private async Task<RemoteRefs> ListRemoteOverHttpAsync(string url, GitCredentials credentials, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var gate = _cache.GateFor(url);
        await gate.WaitAsync(linked.Token);
        try
        {
            using var timing = Counters.Start(url, GitOperationKind.LsRemote);
            return await new SmartHttpRefLister(_http).ListAsync(url, credentials, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new GitSourceException(GitFailureReason.Timeout, $"ls-remote '{GitUrl.Scrub(url)}' timed out after {_options.Timeout.TotalSeconds:0.#} s");
        }
        finally
        {
            gate.Release();
        }
    }

    private RemoteRefs ListRemote(string url, GitCredentials credentials, CancellationToken token)
    {
        using var timing = Counters.Start(url, GitOperationKind.LsRemote);
        if (GitUrl.IsSsh(url))
        {
            // Through the cache repository's remote, so libgit2 reads that repository's core.sshCommand.
            return _ssh.Run(url, credentials, "ls-remote", repo => ToRemoteRefs(repo.Network.ListReferences(Origin(repo, url)), token));
        }

        return ToRemoteRefs(Repository.ListRemoteReferences(url, CredentialsHandlerFor(credentials)), token);
    }

    private static RemoteRefs ToRemoteRefs(IEnumerable<Reference> references, CancellationToken token)
    {
        var advertised = new List<(string, string)>();
        string? head = null;
        foreach (var reference in references)
        {
            token.ThrowIfCancellationRequested();
            if (reference is SymbolicReference symbolic)
            {
                head = symbolic.TargetIdentifier;
                if (symbolic.Target is not null)
                {
                    advertised.Add((reference.CanonicalName, symbolic.Target.TargetIdentifier));
                }
            }
            else
            {
                advertised.Add((reference.CanonicalName, reference.TargetIdentifier));
            }
        }

        return RemoteRefs.FromAdvertisement(advertised, head);
    }

    private bool Fetch(string url, IReadOnlyList<string> refspecs, GitCredentials credentials, CancellationToken token)
    {
        using var timing = Counters.Start(url, GitOperationKind.Fetch);
        var options = new FetchOptions
        {
            TagFetchMode = TagFetchMode.None,
            Prune = false,
            CredentialsProvider = CredentialsHandlerFor(credentials),
            OnProgress = _ => !token.IsCancellationRequested,
            OnTransferProgress = _ => !token.IsCancellationRequested,
            OnUpdateTips = (_, _, _) => !token.IsCancellationRequested,
        };
        if (credentials.Kind == GitCredentialKind.Bearer)
        {
            options.CustomHeaders = [$"Authorization: Bearer {credentials.BearerToken}"];
        }

        if (GitUrl.IsSsh(url))
        {
            return _ssh.Run(url, credentials, "fetch", repo => FetchInto(repo, url, refspecs, options));
        }

        using var repo = _cache.Open(url);
        return FetchInto(repo, url, refspecs, options);
    }

    private static bool FetchInto(Repository repo, string url, IReadOnlyList<string> refspecs, FetchOptions options)
    {
        Commands.Fetch(repo, Origin(repo, url).Name, refspecs, options, logMessage: null);
        return true;
    }

    // libgit2 fetches through a named remote; the cache is per URL, so "origin" is always this URL.
    private static Remote Origin(Repository repo, string url) =>
        repo.Network.Remotes[OriginRemote] ?? repo.Network.Remotes.Add(OriginRemote, url);

    private static CredentialsHandler? CredentialsHandlerFor(GitCredentials credentials) => credentials.Kind switch
    {
        GitCredentialKind.Basic => (_, _, _) => new UsernamePasswordCredentials { Username = credentials.Username, Password = credentials.Password },
        _ => null,
    };

    public void Dispose()
    {
        _http.Dispose();
        _cache.Dispose();
    }
}
