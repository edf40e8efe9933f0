using ActorPar.TestKit.Internal;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorPar.TestKit;

/// <summary>
/// The base class of an xunit test class for one worker, given by its <see cref="Props"/>
/// (derive from <see cref="WorkerTestKit{TWorker,TInput,TResult}"/> to give its type alone).
/// It is an Akka.NET TestKit whose actor system is configured as a worker node is (hocon/,
/// then your <see cref="ActorParTestConfig"/>), with no network and with every message written
/// and read back by the real serializers. <see cref="Worker"/> is the worker under test.
/// </summary>
public abstract class WorkerTestKit<TInput, TResult> : Akka.TestKit.Xunit2.TestKit
{
    /// <param name="worker">The worker's Props, as you would give them to <c>WorkerPool</c>.</param>
    /// <param name="config">Your nodes' configuration; by default hocon/ alone, with the worker's types listed.</param>
    /// <param name="output">xunit's output, where the actor system's log goes.</param>
    protected WorkerTestKit(Props worker, ActorParTestConfig? config = null, ITestOutputHelper? output = null)
        : base(TestKitHocon.Unit((config ?? new ActorParTestConfig()).Load("worker", [typeof(TInput), typeof(TResult)])), "actorpar", output)
    {
        Worker = new TestWorker<TInput, TResult>(this, worker);
    }

    /// <summary>The worker under test; it starts on first use.</summary>
    protected TestWorker<TInput, TResult> Worker { get; }

    /// <summary>
    /// Another worker in the same actor system, from <paramref name="worker"/> (it starts on
    /// first use). Its types must travel by themselves: primitives, or records listed in your
    /// configuration or implementing <c>IActorParMessage</c>.
    /// </summary>
    protected TestWorker<TIn, TOut> StartWorker<TIn, TOut>(Props worker) => new(this, worker);
}

/// <summary>
/// The base class of an xunit test class for the worker <typeparamref name="TWorker"/>,
/// created from its type alone, as a worker named in configuration is:
/// <c>public sealed class CollatzWorkerSpec() : WorkerTestKit&lt;CollatzWorker, Start, Steps&gt;(new ActorParTestConfig("collatz.conf"))</c>.
/// </summary>
public abstract class WorkerTestKit<TWorker, TInput, TResult>(ActorParTestConfig? config = null, ITestOutputHelper? output = null)
    : WorkerTestKit<TInput, TResult>(Props.Create<TWorker>(), config, output)
    where TWorker : Workers.Worker<TInput, TResult>, new();
