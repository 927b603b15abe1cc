namespace VideoPlatform.Legacy.Downloads;

/// <summary>
/// The seed's task id for one of streaming's download jobs: <c>dl_{job id}.{job token}</c>. Holding
/// the id is what lets a client follow the task, as in the seed; streaming checks the token.
/// </summary>
internal sealed record LegacyTaskId(string JobId, string Token)
{
    public override string ToString() => $"dl_{JobId}.{Token}";

    public static LegacyTaskId? TryParse(string? value)
    {
        if (value is not { Length: > 36 } || !value.StartsWith("dl_", StringComparison.Ordinal) || value[35] != '.')
        {
            return null;
        }
        var job = value[3..35];
        var token = value[36..];
        return job.All(char.IsAsciiHexDigitLower) && token.Length <= 64 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? new LegacyTaskId(job, token)
            : null;
    }
}
