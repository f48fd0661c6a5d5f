namespace AdPolicy.Web.Tests.Infrastructure;

/// <summary>
/// Tests that compare durations (a timing side channel, not performance: that is measured by benchmarks) run in this
/// collection, which xunit runs by itself after every parallel collection has finished.
/// </summary>
[CollectionDefinition(nameof(TimedAloneCollection), DisableParallelization = true)]
public sealed class TimedAloneCollection;
