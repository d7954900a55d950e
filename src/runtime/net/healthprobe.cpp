#include "healthprobe.h"

#include "networkhost.h"
#include "runtime/http/blockinghttpclient.h"

#include <QElapsedTimer>

namespace topolab::runtime {

HealthProbe::HealthProbe(Options options, std::function<void(bool)> checked)
    : m_options(std::move(options))
    , m_checked(std::move(checked))
    , m_thread([this] { run(); })
{
}

HealthProbe::~HealthProbe()
{
    m_stopping = true;
    m_thread.join();
}

void HealthProbe::run()
{
    const NetworkHost::Scope inside(m_options.host);
    const int timeout = static_cast<int>(m_options.timeout.count());
    while (!m_stopping) {
        QElapsedTimer took;
        took.start();
        bool passed = false;
        {
            BlockingHttpClient client(m_options.port, m_options.address);
            const std::optional<HttpResponse> response =
                client.connectToServer(timeout)
                    ? client.get(m_options.path, static_cast<int>(std::max<qint64>(
                                                     1, timeout - took.elapsed())))
                    : std::nullopt;
            passed = response && response->status == 200;
        }
        if (m_stopping)
            break;
        m_checked(passed);
        const auto rest = m_options.interval - std::chrono::milliseconds(took.elapsed());
        // In small steps, so that the destructor never waits for a whole interval.
        for (auto left = rest; left > std::chrono::milliseconds(0) && !m_stopping;
             left -= std::chrono::milliseconds(10))
            std::this_thread::sleep_for(std::min(left, std::chrono::milliseconds(10)));
    }
}

} // namespace topolab::runtime
