using ActorPar.Workers;

namespace MyWorker;

/// <summary>
/// Counts the words of a text and finds its longest. A text with no words throws: the task is
/// reported with the exception's type and message, and the worker goes on with the next one.
/// </summary>
public sealed class MyWorker : Worker<Text, Counted>
{
    protected override Counted Process(Text text)
    {
        var words = text.Content.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) throw new ArgumentException("there is no text to count");
        return new Counted(words.Length, words.MaxBy(w => w.Length)!);
    }
}
