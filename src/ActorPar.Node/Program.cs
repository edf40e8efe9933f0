using ActorPar.Node.Cli;

return await NodeCommandLine.RunAsync(args);
