// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using BenchmarkDotNet.Running;

// Everything goes to BenchmarkDotNet, e.g. --filter '*StreamDecode*'.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
