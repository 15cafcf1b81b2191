using AiCompare.Domain;

namespace AiCompare.Tests.Domain;

public sealed class AccountRulesTests
{
    [Theory]
    [InlineData("a@example.com", "a@example.com")]
    [InlineData("  Editor@Example.COM ", "editor@example.com")]
    [InlineData("first.last+tag@sub.example.org", "first.last+tag@sub.example.org")]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("no-at-sign", null)]
    [InlineData("a@localhost", null)]
    [InlineData("a b@example.com", null)]
    [InlineData("\"Name\" <a@example.com>", null)]
    [InlineData("a@example.com, b@example.com", null)]
    [InlineData("a@example.com\r\nBcc: x@example.com", null)]
    public void NormaliseEmail_TrimsLowercasesAndRefusesNonAddresses(string? input, string? expected)
    {
        Assert.Equal(expected, AccountRules.NormaliseEmail(input));
    }

    [Fact]
    public void NormaliseEmail_OverlongAddress_IsRefused()
    {
        Assert.Null(AccountRules.NormaliseEmail(new string('a', 250) + "@example.com"));
    }

    [Theory]
    [InlineData("correct horse battery staple", null)]
    [InlineData("twelve chars", null)]
    [InlineData("ünïcødé-pässwörd", null)]
    [InlineData("", "Enter a password.")]
    [InlineData(null, "Enter a password.")]
    [InlineData("eleven char", "Use at least 12 characters.")]
    [InlineData("             ", "A password cannot be only spaces.")]
    public void PasswordProblem_LengthOnlyNoCompositionRules(string? password, string? expected)
    {
        Assert.Equal(expected, AccountRules.PasswordProblem(password));
    }

    [Fact]
    public void PasswordProblem_VeryLongPassword_IsRefusedNotTruncated()
    {
        Assert.Null(AccountRules.PasswordProblem(new string('x', AccountRules.MaxPasswordLength)));
        Assert.Equal("Use at most 1024 characters.", AccountRules.PasswordProblem(new string('x', AccountRules.MaxPasswordLength + 1)));
    }

    [Theory]
    [InlineData("admin", EditorRole.Admin)]
    [InlineData(" Editor ", EditorRole.Editor)]
    public void TryRole_KnownRoles_Parse(string text, EditorRole expected)
    {
        Assert.True(AccountRules.TryRole(text, out var role));
        Assert.Equal(expected, role);
        Assert.Equal(text.Trim().ToLowerInvariant(), AccountRules.Token(role));
    }

    [Theory]
    [InlineData("root")]
    [InlineData("")]
    [InlineData(null)]
    public void TryRole_Unknown_Fails(string? text)
    {
        Assert.False(AccountRules.TryRole(text, out _));
    }
}
