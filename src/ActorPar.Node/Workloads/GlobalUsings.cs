// What nearly every workload file uses: options, the coordinator's results, Props, the worker and message base types, and start errors.
global using System.CommandLine;
global using ActorPar.Chunks;
global using ActorPar.Coordination;
global using ActorPar.Hosting;
global using ActorPar.Messaging;
global using ActorPar.Workers;
global using Akka.Actor;
