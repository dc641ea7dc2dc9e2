namespace Herald.Publishing;

/// <summary>One rule a post breaks for one account, with a message a person can act on. Warnings do not block scheduling.</summary>
public sealed record Violation(string AccountId, string Network, string Field, string Code, string Message, bool Warning = false);
