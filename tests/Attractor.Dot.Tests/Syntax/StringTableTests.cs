// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using Attractor.Dot.Syntax;

namespace Attractor.Dot.Tests.Syntax;

/// <summary>
/// The parser's string table borrows its array from the pool of string arrays that lint also uses.
/// An array of an odd length in that pool once made a table mask with it and probe forever.
/// </summary>
public sealed class StringTableTests
{
    [Fact]
    public async Task A_table_works_even_when_the_pool_offers_an_array_whose_length_is_not_a_power_of_two()
    {
        // Empty the pool, then leave exactly one odd-sized array in it: the next table is offered that one.
        var drained = new List<string?[]>();
        for (var i = 0; i < 16; i++)
        {
            drained.Add(ScratchArrays<string?>.Rent(ScratchArrays<string?>.MinimumPooledLength));
        }

        ScratchArrays<string?>.Return(new string?[5_002], 5_002);
        try
        {
            var words = Enumerable.Range(0, 20_000).Select(static i => "word" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            var text = string.Join(" ", words);

            var fill = Task.Run(() =>
            {
                var table = new StringTable(200_000);
                var first = new string[words.Length];
                var position = 0;
                for (var i = 0; i < words.Length; i++)
                {
                    first[i] = table.Get(text, position, words[i].Length);
                    position += words[i].Length + 1;
                }

                var again = table.Get(text, 0, words[0].Length);
                table.Release();
                return (first, again);
            });
            var (found, repeated) = await fill.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(words, found);
            Assert.Same(found[0], repeated);
        }
        finally
        {
            foreach (var array in drained)
            {
                ScratchArrays<string?>.Return(array, array.Length);
            }
        }
    }
}
