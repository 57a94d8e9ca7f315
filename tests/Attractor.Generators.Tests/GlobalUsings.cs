// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

global using Attractor.Generators.Tests.Infrastructure;
