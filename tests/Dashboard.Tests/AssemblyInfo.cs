// One composition and one browser: tests share them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
