using System.Net.Sockets;
using AdPolicy.Web.Tests.Infrastructure;

namespace AdPolicy.Web.Tests.Platform;

/// <summary>
/// The fixture takes Testcontainers only when a Docker engine answers, and says which server it took. (The container
/// path itself cannot run on machines without a Docker engine, like ours.)
/// </summary>
public sealed class TestDatabaseChoiceTests(PostgresFixture postgres) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("adpolicy-docker-probe").FullName;

    [Fact]
    public void ASocketSomethingListensOn_CountsAsAnEngine_AFileNobodyAnswersOnOrNoFileDoesNot()
    {
        var listening = Path.Combine(_folder, "listening.sock");
        var stale = Path.Combine(_folder, "stale.sock");
        File.WriteAllText(stale, string.Empty); // a path that exists with nothing listening behind it
        using var engine = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        engine.Bind(new UnixDomainSocketEndPoint(listening));
        engine.Listen();

        Assert.True(PostgresFixture.Answers("unix://" + listening));
        Assert.False(PostgresFixture.Answers("unix://" + stale));
        Assert.False(PostgresFixture.Answers("unix://" + Path.Combine(_folder, "missing.sock")));
    }

    [Fact]
    public void TheRun_SaysWhichPostgreSqlItUses()
    {
        var expected = Environment.GetEnvironmentVariable("ADPOLICY_TEST_POSTGRES") is { Length: > 0 } ? "ADPOLICY_TEST_POSTGRES"
            : PostgresFixture.DockerEngineAnswers() is not null ? "Testcontainers"
            : "throwaway cluster";

        Assert.Contains(expected, postgres.ServerDescription, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
