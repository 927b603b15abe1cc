// Each class starts a whole composition and a browser: one at a time keeps a two-core machine
// from timing its own pages out.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
