using Herald.Web.Pages;

namespace Herald.Tests.Web;

/// <summary>Switching workspace from a page of one workspace's thing lands on that section's start in the other.</summary>
public sealed class WorkspaceSwitchTests
{
    [Theory]
    [InlineData("/inbox/01JXYZ", "/inbox")]
    [InlineData("/contacts/01JXYZ", "/contacts")]
    [InlineData("/crisis/alerts/01JXYZ", "/crisis")]
    [InlineData("/campaigns/01JXYZ", "/campaigns")]
    [InlineData("/analytics/posts/01JXYZ", "/analytics")]
    [InlineData("/posts/01JXYZ", "/")]
    [InlineData("/compose/01JXYZ", "/")]
    [InlineData("/inbox?status=open&sentiment=negative", "/inbox?status=open&sentiment=negative")]
    [InlineData("/analytics/best-time", "/analytics/best-time")]
    [InlineData("/calendar", "/calendar")]
    public void A_page_of_one_things_goes_to_its_sections_start_and_a_list_stays(string back, string expected) =>
        Assert.Equal(expected, WorkspaceModel.SectionStart(back));
}
