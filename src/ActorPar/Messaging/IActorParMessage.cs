namespace ActorPar.Messaging;

/// <summary>
/// Marks a type that may cross the network between ActorPar nodes.
/// hocon/common.conf binds this interface to <see cref="ActorParSerializer"/>, so every
/// implementor travels as MessagePack with a stable manifest and never falls back to
/// Akka's Newtonsoft JSON. Your own task inputs and results can implement it too, or be
/// bound to the <c>actorpar</c> serializer in configuration instead.
/// </summary>
public interface IActorParMessage;
