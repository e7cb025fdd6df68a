import Testing

@testable import GWSCometD

@Suite("Bayeux channel names")
struct ChannelNameTests {
    @Test(arguments: [
        ("/a/b", "/a/b", true), ("/a/b", "/a/bc", false), ("/a/b", "/a", false),
        ("/a/*", "/a/b", true), ("/a/*", "/a/b/c", false), ("/a/*", "/a", false), ("/a/*", "/a/", false),
        ("/a/*", "/ab/c", false),
        ("/a/**", "/a/b", true), ("/a/**", "/a/b/c", true), ("/a/**", "/a", false), ("/a/**", "/ab/c", false),
        ("/**", "/anything/at/all", true), ("/*", "/top", true), ("/*", "/top/level", false),
    ])
    func matching(pattern: String, channel: String, matches: Bool) {
        #expect(ChannelName.matches(pattern: pattern, channel: channel) == matches)
    }

    @Test func validPatterns() {
        for valid in ["/a", "/a/b", "/a/*", "/a/**", "/**", "/workspace/v3/voice"] {
            #expect(ChannelName.isValidPattern(valid), "\(valid)")
        }
        for invalid in ["", "/", "a/b", "/a/", "//a", "/a//b", "/a/*/b", "/a/**/b", "/a/b*", "/a/***"] {
            #expect(!ChannelName.isValidPattern(invalid), "\(invalid)")
        }
    }
}
