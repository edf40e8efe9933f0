using ActorPar.Messaging;

namespace ActorPar.Node.Workloads.Primes;

/// <summary>One task of the primes workload: count the primes p with <paramref name="From"/> &lt;= p &lt; <paramref name="To"/>. The result is a long.</summary>
public sealed record PrimeRange(long From, long To) : IActorParMessage;
