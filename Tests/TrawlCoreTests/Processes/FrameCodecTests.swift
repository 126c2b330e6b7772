import Foundation
import Testing
@testable import TrawlCore

extension Processes {
    struct FrameCodecTests {
        private func roundTrip(_ message: ShardMessage) throws -> [ShardMessage] {
            var decoder = FrameDecoder()
            let messages = try decoder.feed(try FrameCodec.encode(message))
            try decoder.finish()
            return messages
        }

        /// The first bytes pin the wire format itself.
        @Test func framesHaveTheDocumentedBytes() throws {
            #expect(try FrameCodec.encode(.stop) == [0, 0, 0, 1, 0x04])
            #expect(try FrameCodec.encode(.depthCeiling(3)) == [0, 0, 0, 2, 0x03, 6])
            #expect(try FrameCodec.encode(.depthCeiling(-1)) == [0, 0, 0, 2, 0x03, 1])
            // idle, 5 batches (zigzag 10), no min depth, 300 pages (zigzag 600 = 0xd8 0x04)
            #expect(try FrameCodec.encode(.status(ShardStatus(idle: true, batchesReceived: 5, minPendingDepth: nil, pagesDone: 300)))
                == [0, 0, 0, 6, 0x13, 1, 10, 0, 0xd8, 0x04])
            #expect(try FrameCodec.encode(.failed("é")) == [0, 0, 0, 4, 0x14, 2, 0xc3, 0xa9])
            // url "u", hostKey "h", depth 2 (zigzag 4), no referrer; then one with referrer "r"
            #expect(try FrameCodec.encode(.links([DiscoveredURL(url: "u", hostKey: "h", depth: 2)]))
                == [0, 0, 0, 8, 0x11, 1, 1, 0x75, 1, 0x68, 4, 0])
            #expect(try FrameCodec.encode(.links([DiscoveredURL(url: "u", hostKey: "h", depth: 2, referrer: "r")]))
                == [0, 0, 0, 10, 0x11, 1, 1, 0x75, 1, 0x68, 4, 1, 1, 0x72])
        }

        @Test(arguments: ShardMessageSamples.all)
        func everyMessageRoundTrips(message: ShardMessage) throws {
            #expect(try roundTrip(message) == [message])
        }

        @Test func largeArraysRoundTrip() throws {
            let message = ShardMessageSamples.manyURLs(50_000)
            let frame = try FrameCodec.encode(message)
            #expect(frame.count > 1_000_000)
            #expect(try roundTrip(message) == [message])
            let targets = (0..<20_000).map { "http://h1.trawl.test/\($0)" }
            let page = ShardMessage.page(PageMessage(record: ShardMessageSamples.fullRecord, source: "s", edgeTargets: targets))
            #expect(try roundTrip(page) == [page])
        }

        @Test func encodingAppendsFramesOneAfterAnother() throws {
            var bytes: [UInt8] = [9, 9]
            for message in ShardMessageSamples.all { try FrameCodec.encode(message, appendingTo: &bytes) }
            #expect(bytes[..<2] == [9, 9])
            var decoder = FrameDecoder()
            #expect(try decoder.feed(bytes[2...]) == ShardMessageSamples.all)
        }

        @Test func messagesOverTheCapAreRefusedWhenEncoded() throws {
            let oversized = ShardMessage.configure(Data(count: FrameCodec.maxFrameLength))
            var bytes: [UInt8] = [1, 2, 3]
            #expect(throws: TrawlError.self) { try FrameCodec.encode(oversized, appendingTo: &bytes) }
            #expect(bytes == [1, 2, 3], "a refused frame leaves the buffer as it was")
            do {
                _ = try FrameCodec.encode(oversized)
                Issue.record("no error")
            } catch {
                #expect(error.code == .badFrame)
                #expect(error.message == "cannot send a configure message of 67108869 bytes: frames are capped at 67108864 bytes")
            }
            // Exactly at the cap is fine: 1 type byte + 4 length bytes + data.
            let atCap = ShardMessage.configure(Data(count: FrameCodec.maxFrameLength - 5))
            #expect(try FrameCodec.encode(atCap).count == FrameCodec.maxFrameLength + 4)
        }

        /// Prints encode+decode throughput of typical page messages (one URL,
        /// title, eight edge targets: ~600 bytes each).
        @Test func pageMessageThroughput() throws {
            let messages = (0..<1_000).map(ShardMessageSamples.page)
            let rounds = 50
            let clock = ContinuousClock()
            var decoded = 0
            var bytes = 0
            let elapsed = try clock.measure {
                var decoder = FrameDecoder()
                for _ in 0..<rounds {
                    var buffer: [UInt8] = []
                    for message in messages { try FrameCodec.encode(message, appendingTo: &buffer) }
                    bytes += buffer.count
                    // Pipe-sized reads, as the reader thread sees them.
                    var offset = 0
                    while offset < buffer.count {
                        let end = min(offset + 65_536, buffer.count)
                        decoded += try decoder.feed(buffer[offset..<end]).count
                        offset = end
                    }
                }
                try decoder.finish()
            }
            #expect(decoded == messages.count * rounds)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("FrameCodec (this build; debug is 4–8× slower than -O): \(Int(Double(decoded) / seconds)) page messages/s encode+decode, \(Int(Double(bytes) / seconds / 1e6)) MB/s, \(bytes / decoded) bytes each")
        }
    }
}
