#include "loadgenerator.h"

using namespace std::chrono_literals;

namespace topolab::runtime {

namespace {

constexpr int kMaxOpenLoopConnections = 256;

HttpRequest withLoadHeaders(HttpRequest request)
{
    request.headers.add("Host", "www.foobar.com");
    request.headers.add("User-Agent", "topolab-load");
    return request;
}

} // namespace

LoadGenerator::LoadGenerator(LoadOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_random(m_options.seed)
{
    m_ticker.setParent(this);
    m_ticker.setTimerType(Qt::PreciseTimer);
    connect(&m_ticker, &QTimer::timeout, this, &LoadGenerator::tick);
}

void LoadGenerator::start()
{
    m_report = {};
    m_report.openLoop = m_options.rate > 0;
    m_issued = 0;
    m_running = true;
    m_clock.start();
    if (m_options.rate > 0) {
        m_ticker.start(1ms);
        tick();
        return;
    }
    const int connections = std::max(m_options.concurrency, 1);
    for (int i = 0; i < connections && mayIssue(); ++i)
        issue(idleConnection(), m_clock.nsecsElapsed());
    if (m_options.duration > 0ms)
        QTimer::singleShot(m_options.duration, this, [this] {
            if (m_running)
                finishIfDone();
        });
}

void LoadGenerator::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_ticker.stop();
    m_report.elapsedMs = m_clock.elapsed();
    // stop() may run inside a connection's own signal: never delete one synchronously.
    for (HttpClientConnection *connection : std::as_const(m_connections)) {
        connection->disconnect(this);
        connection->abandon();
        connection->deleteLater();
    }
    m_connections.clear();
    m_idle.clear();
    m_inFlight.clear();
    m_backlog.clear();
    emit finished(m_report);
}

bool LoadGenerator::mayIssue() const
{
    if (!m_running)
        return false;
    if (m_options.requests > 0 && m_issued >= m_options.requests)
        return false;
    return m_options.duration <= 0ms || m_clock.elapsed() < m_options.duration.count();
}

HttpClientConnection *LoadGenerator::idleConnection()
{
    if (!m_idle.isEmpty())
        return m_idle.takeLast();
    const int limit = m_options.rate > 0 ? std::max(m_options.concurrency, kMaxOpenLoopConnections)
                                         : std::max(m_options.concurrency, 1);
    if (m_connections.size() >= limit)
        return nullptr;
    auto *connection = new HttpClientConnection(0, m_options.host, m_options.port, this);
    m_connections.append(connection);
    return connection;
}

void LoadGenerator::responded(HttpClientConnection &connection, HttpResponse response)
{
    onDone(&connection, response.status, response.headers.value("X-Served-By"));
}

void LoadGenerator::failed(HttpClientConnection &connection, HttpClientConnection::Failure,
                           const QString &)
{
    onDone(&connection, 0, {});
}

void LoadGenerator::tick()
{
    // Everything due by now: rate × elapsed, minus what was already scheduled.
    const qint64 now = m_clock.nsecsElapsed();
    const auto due = static_cast<qint64>(m_options.rate * static_cast<double>(now) / 1e9) + 1;
    while (m_issued + m_backlog.size() < due && mayIssue() &&
           (m_options.requests == 0 || m_issued + m_backlog.size() < m_options.requests)) {
        const qint64 dueNs = static_cast<qint64>(static_cast<double>(m_issued + m_backlog.size()) *
                                                 1e9 / m_options.rate);
        m_backlog.enqueue({dueNs});
    }
    while (!m_backlog.isEmpty()) {
        HttpClientConnection *connection = idleConnection();
        if (!connection)
            break;
        issue(connection, m_backlog.dequeue().dueNs);
    }
    finishIfDone();
}

QByteArray LoadGenerator::nextRequest(bool *isWrite, bool *isRead)
{
    const int total =
        std::max(m_options.staticShare + m_options.readShare + m_options.writeShare, 1);
    const int pick = static_cast<int>(m_random.bounded(total));
    *isRead = false;
    *isWrite = false;
    if (pick < m_options.staticShare) {
        static const QByteArrayList pages = {"/", "/style.css", "/app.js", "/about.html",
                                             "/favicon.svg"};
        const QByteArray &page = pages.at(m_random.bounded(static_cast<int>(pages.size())));
        return withLoadHeaders(HttpRequest::make("GET", page)).serialize();
    }
    if (pick < m_options.staticShare + m_options.readShare) {
        *isRead = true;
        return withLoadHeaders(HttpRequest::make("GET", "/api/posts?limit=10")).serialize();
    }
    *isWrite = true;
    HttpRequest post = withLoadHeaders(HttpRequest::make("POST", "/api/posts"));
    post.headers.add("Content-Type", "application/json");
    post.body = R"({"author":"load","message":"request )" + QByteArray::number(m_issued) + R"("})";
    return post.serialize();
}

void LoadGenerator::issue(HttpClientConnection *connection, qint64 dueNs)
{
    if (!connection)
        return;
    bool isWrite = false;
    bool isRead = false;
    const QByteArray request = nextRequest(&isWrite, &isRead);
    m_report.reads += isRead;
    m_report.writes += isWrite;
    ++m_issued;
    m_inFlight.insert(connection, dueNs);
    connection->send(request, false, {2000ms, 10000ms}, *this);
}

void LoadGenerator::onDone(HttpClientConnection *connection, int status, const QByteArray &servedBy)
{
    const qint64 dueNs = m_inFlight.take(connection);
    if (!m_running)
        return;
    m_report.latency.record((m_clock.nsecsElapsed() - dueNs) / 1000);
    if (status == 0) {
        ++m_report.failed;
    } else {
        ++m_report.completed;
        if (status >= 100 && status < 600)
            ++m_report.statusClasses[static_cast<size_t>(status / 100 - 1)];
        if (!servedBy.isEmpty())
            ++m_report.servedBy[QString::fromUtf8(servedBy)];
    }
    if (m_options.rate > 0) {
        if (!m_backlog.isEmpty())
            issue(connection, m_backlog.dequeue().dueNs);
        else
            m_idle.append(connection);
    } else if (mayIssue()) {
        issue(connection, m_clock.nsecsElapsed());
    } else {
        m_idle.append(connection);
    }
    finishIfDone();
}

void LoadGenerator::finishIfDone()
{
    if (!m_running || !m_inFlight.isEmpty())
        return;
    const bool countDone = m_options.requests > 0 && m_issued >= m_options.requests;
    const bool timeDone =
        m_options.duration > 0ms && m_clock.elapsed() >= m_options.duration.count();
    if ((countDone || timeDone) && m_backlog.isEmpty())
        stop();
}

} // namespace topolab::runtime
