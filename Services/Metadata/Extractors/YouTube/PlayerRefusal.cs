using VideoPlatform.Contracts;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// A player response that did not play: the error to report if no client plays the video, whether
/// another client might, and whether the refusal is of the kind clients without made-for-kids
/// videos give for them (UNPLAYABLE or ERROR), after which only the clients that serve them are asked.
/// </summary>
internal sealed record PlayerRefusal(ProblemException Error, bool TryAnotherClient, bool MayBeMadeForKids = false);
