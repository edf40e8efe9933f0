using BenchmarkDotNet.Running;

// Every benchmark class of this assembly; pass BenchmarkDotNet's options (--filter, --job, ...).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
