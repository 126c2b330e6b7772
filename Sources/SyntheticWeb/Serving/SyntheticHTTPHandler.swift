import NIOCore
import NIOHTTP1

/// Answers the requests of one connection from a `SyntheticWeb`.
///
/// Sits behind NIO's `HTTPServerPipelineHandler`, which holds back a
/// pipelined request until the previous response has ended, so at most one
/// request per connection is in progress here: one optional slot suffices.
/// Latency is a timer on the connection's event loop, never a blocked thread;
/// so are the hostile profile's drips (see `+Delivery`).
final class SyntheticHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let web: SyntheticWeb
    let recorder: ServerStatsRecorder
    private var head: HTTPRequestHead?
    /// The request whose response waits for its latency to pass.
    private var waiting: (task: Scheduled<Void>, host: Int?)?
    /// The response whose body is still going out (a drip or a stream).
    var sending: Sending?

    init(web: SyntheticWeb, recorder: ServerStatsRecorder) {
        self.web = web
        self.recorder = recorder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body:
            break  // request bodies are ignored
        case .end:
            guard let head else { return }
            self.head = nil
            respond(to: head, context: context)
        }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let route = web.route(hostHeader: head.headers.first(name: "host")?[...], target: head.uri)
        let attempt = recorder.requestStarted(host: route.host, path: route.path, countedPath: route.isCounted ? route.path : nil)
        let response = web.response(to: route, attempt: attempt)
        let host = route.host
        let nanos = response.latency.wholeNanoseconds
        guard nanos > 0 else {
            write(response, for: head, host: host, context: context)
            return
        }
        let task = context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(nanos)) {
            self.waiting = nil
            self.write(response, for: head, host: host, context: context)
        }
        waiting = (task, host)
    }

    private func write(
        _ response: SyntheticResponse, for request: HTTPRequestHead, host: Int?, context: ChannelHandlerContext
    ) {
        let keepAlive = request.isKeepAlive
        var headers = HTTPHeaders()
        headers.reserveCapacity(response.headers.count + 2)
        for (name, value) in response.headers {
            headers.add(name: name, value: value)
        }
        headers.add(name: "content-length", value: String(response.declaredLength))
        if !keepAlive {
            headers.add(name: "connection", value: "close")
        } else if request.version.minor == 0 {
            headers.add(name: "connection", value: "keep-alive")
        }
        let status = HTTPResponseStatus(statusCode: response.status)
        let responseHead = HTTPResponseHead(version: request.version, status: status, headers: headers)
        context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
        guard request.method != .HEAD else {
            end(host: host, bodyBytes: 0, keepAlive: keepAlive, context: context)
            return
        }
        guard case .complete = response.delivery else {
            startDelivery(response, host: host, keepAlive: keepAlive, context: context)
            return
        }
        if !response.body.isEmpty {
            var buffer = context.channel.allocator.buffer(capacity: response.body.count)
            buffer.writeBytes(response.body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        end(host: host, bodyBytes: response.body.count, keepAlive: keepAlive, context: context)
    }

    /// Ends the response in progress, and the connection unless kept alive.
    func end(host: Int?, bodyBytes: Int, keepAlive: Bool, context: ChannelHandlerContext) {
        recorder.requestFinished(host: host, bodyBytes: bodyBytes)
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                channel.close(promise: nil)
            }
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { continueStream(context: context) }
        context.fireChannelWritabilityChanged()
    }

    /// A client that leaves before its latency has passed gets nothing; the
    /// timer must not outlive the connection (nor touch a dead context).
    func channelInactive(context: ChannelHandlerContext) {
        if let waiting {
            waiting.task.cancel()
            recorder.requestFinished(host: waiting.host, bodyBytes: nil)
            self.waiting = nil
        }
        abandonDelivery()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Malformed requests were answered with 400 by NIO's error handler;
        // anything that reaches here (resets, timeouts) ends the connection.
        context.close(promise: nil)
    }
}
