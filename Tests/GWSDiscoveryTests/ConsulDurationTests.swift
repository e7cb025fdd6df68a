import Testing

@testable import GWSDiscovery

@Suite struct ConsulDurationTests {
    @Test(arguments: [
        (Duration.zero, "0s"), (.seconds(1), "1s"), (.milliseconds(500), "500ms"), (.seconds(90), "1m30s"),
        (.seconds(3600), "1h"), (.milliseconds(1250), "1s250ms"), (.microseconds(3), "3us"), (.seconds(-2), "-2s"),
    ])
    func formats(duration: Duration, text: String) {
        #expect(ConsulDuration.format(duration) == text)
    }

    @Test(arguments: [
        ("1s", Duration.seconds(1)), ("500ms", .milliseconds(500)), ("1m30s", .seconds(90)), ("1.5h", .seconds(5400)),
        ("0", .zero), ("-2s", .seconds(-2)), ("10us", .microseconds(10)), ("7µs", .microseconds(7)),
        ("2h45m", .seconds(9900)), ("100ns", .nanoseconds(100)),
    ])
    func parses(text: String, duration: Duration) {
        #expect(ConsulDuration.parse(text) == duration)
    }

    @Test(arguments: ["", "s", "1", "1x", "1.2.3s", "ms10", "--1s", "1s 2s"])
    func rejects(text: String) {
        #expect(ConsulDuration.parse(text) == nil)
    }

    @Test func roundTrips() {
        for duration in [Duration.milliseconds(1), .seconds(59), .seconds(61), .seconds(86_400), .nanoseconds(1_000_001)] {
            #expect(ConsulDuration.parse(ConsulDuration.format(duration)) == duration)
        }
    }
}
