namespace Herald.Networks.Sandbox;

/// <summary>English reply, quote and mention templates. {topic} is the post's first hashtag (only used when it has one).</summary>
internal static class SandboxPhrasesEn
{
    public static readonly SandboxPhrases Phrases = new(
        Positive:
        [
            "This is great, thanks for sharing!", "Love this.", "Exactly what I needed to read today.", "So well put.",
            "Saving this for later.", "This made my morning.", "Couldn't agree more.", "Yes! A thousand times yes.",
            "Brilliant, as always.", "Sharing this with my team right now.", "This deserves way more attention.",
            "Finally someone said it.", "Such a good point, never thought of it that way.", "Okay this is genius.",
            "Big fan of this approach.", "Bookmarked. Thank you!", "You never miss.", "This is the content I'm here for.",
            "Really thoughtful post, thank you.", "Absolutely spot on.", "Needed this reminder today.",
            "Wow, the detail in this!", "Congrats, well deserved!", "This is so helpful, thank you for writing it up.",
            "Chef's kiss.", "Pinning this to my wall.", "My favourite post of the week, easily.", "Great thread, learned a lot.",
            "Can confirm, this works. Tried it last month.", "You put into words what I've been feeling for ages.",
            "Love the energy here.", "This is such a clean explanation.", "Subscribed for more of this.",
            "Honestly inspiring.", "Nailed it.", "Huge if true. And I think it is.", "Sending this to everyone I know.",
            "This is gold.", "Amazing work, keep going!", "Such a refreshing take.", "100% this.", "So proud of you!",
            "The best thing I've read on {topic} in a while.", "More {topic} content like this please!",
            "Love seeing {topic} get some attention.", "This is the {topic} explainer I was looking for.",
            "Been following {topic} for years and this is spot on.", "Adding this to my {topic} notes.",
            "Great to see this. Congrats to the whole team!", "Your posts are always a highlight of my feed.",
            "This is why I follow you.", "Hard agree, and beautifully written.", "Thank you for being so open about this.",
            "I laughed, I learned, I reposted.", "Quietly one of the best accounts here.",
        ],
        Neutral:
        [
            "Interesting. Do you have a source for this?", "How long did this take you?", "What tools did you use?",
            "Curious how this scales.", "Is there a longer version somewhere?", "Does this work on mobile too?",
            "When is this available in Europe?", "Any plans for a follow-up?", "Hmm, I'd like to see the numbers behind this.",
            "What would you do differently next time?", "Is this open to everyone or invite only?", "Where can I sign up?",
            "Genuine question: how does this compare to last year?", "Can you share the link?", "Noted.",
            "Interesting timing.", "I have mixed feelings about this, but I see the point.", "Fair enough.",
            "Following this with interest.", "Not sure yet, need to think about it.", "How does pricing work?",
            "Is there a recording?", "Who else is working on this?", "Is this the same as what you posted last week?",
            "Can someone explain this like I'm five?", "What's the catch?", "Any data on this?", "Which version is this?",
            "Does anyone have experience with this?", "What does {topic} mean here exactly?", "How does {topic} fit in?",
            "Is {topic} the new thing now?", "First time hearing about {topic}. Where do I start?",
            "Would love a {topic} deep dive at some point.", "Thoughts on the alternatives?",
            "Is this available in other languages?", "Are you hiring?", "Is there an API for this?",
            "Do you have a newsletter?", "Saw this mentioned elsewhere too.", "Okay, but what about small teams?",
            "Depends on the context, I guess.", "Time will tell.", "Interesting, will read later.", "Replying so I can find this again.",
        ],
        Negative:
        [
            "I don't buy it.", "This is just marketing.", "Hard disagree.", "This aged badly already.",
            "Respectfully, this is wrong.", "Nobody asked for this.", "Tried it. Didn't work for me at all.",
            "Still waiting for a reply to my support ticket...", "Your app crashed three times this morning.",
            "This is the third time this week I've had problems.", "Fix the bugs before posting announcements.",
            "Unfollowing. This isn't why I followed you.", "What a disappointment.", "Overhyped.",
            "Meh.", "Way too expensive for what it is.", "The last update broke everything for me.",
            "Customer service is nonexistent.", "Where is the refund I was promised?", "Cringe.",
            "This is misleading and you know it.", "So you're just ignoring the problems people reported?",
            "Not great, honestly.", "I expected better from you.", "Clickbait.", "This feels tone-deaf.",
            "How is this still not fixed?", "Another announcement, still no answers.", "Worst decision you've made so far.",
            "The {topic} crowd really needs to calm down.", "Enough with {topic} already.", "{topic} is a fad.",
            "Ratio.", "Who approved this?", "Terrible take.", "Strong words for something that barely works.",
            "I've been a customer for 5 years and this is how you treat us?", "Can't even log in right now. Great timing.",
            "Read the room.", "Pass.", "Not impressed.", "This is why people are leaving.", "Lost me at the first sentence.",
        ],
        Quotes:
        [
            "Worth reading 👇", "This, exactly.", "Good thread on {topic}.", "Everyone in my team should read this.",
            "Strongly disagree with this one, but it's worth a look.", "Adding my two cents: it depends on your size.",
            "Great summary.", "This is the take.", "Bookmarking for Monday.", "Not sure I agree with all of it, but interesting.",
            "A rare good post about {topic}.", "Best thing I've read today.", "Hmm. Thoughts?", "Yes and also: measure first.",
            "Someone finally wrote it down.", "Important.", "Wild.", "Context matters here.", "Couldn't have said it better.",
            "Sharing because this is useful.",
        ],
        Mentions:
        [
            "@{you} have you seen this?", "Shout-out to @{you} for the great posts lately!", "@{you} any thoughts on this?",
            "Recommending @{you} to anyone getting started.", "@{you} I'd love to have you on our podcast.",
            "Thanks @{you} for the help yesterday!", "@{you} are you going to the conference next week?",
            "Who else follows @{you}? Great stuff.", "@{you} your link is broken btw.", "@{you} still waiting for an answer to my DM.",
            "@{you} quick question about your last post.", "Learned a lot from @{you} this week.",
            "@{you} collab idea: let's talk!", "@{you} is this still available?", "Not a fan of what @{you} posted lately.",
        ],
        PositiveEmoji: [" 🙌", " 🔥", " 👏", " ❤️", " 💯", " ✨", " 😍", " 🚀", " 👍", " 🎉", " 😊", " 🙏"],
        NeutralEmoji: [" 🤔", " 👀", " 🧐", " 📌"],
        NegativeEmoji: [" 🙄", " 😤", " 👎", " 😒", " 🤦"]);
}
