namespace Herald.Scheduling;

/// <summary>Wakes the dispatcher at once when a post is scheduled, instead of waiting for its next check.</summary>
public sealed class DispatcherSignal
{
    private TaskCompletionSource _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Wake() => Interlocked.Exchange(ref _tcs, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public Task WaitAsync() => Volatile.Read(ref _tcs).Task;
}
