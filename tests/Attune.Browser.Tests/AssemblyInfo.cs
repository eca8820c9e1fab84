// One chromium at a time keeps a 2-core machine responsive and timings stable.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
