#include "apiexecutor.h"

namespace topolab::runtime {

ApiExecutor::ApiExecutor(QString name, ApiFactory factory)
    : m_factory(std::move(factory))
    , m_context(new QObject)
{
    m_thread.setObjectName(name);
    m_context->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

ApiExecutor::~ApiExecutor()
{
    // The API (and its database connections) must go on the thread that made them.
    QMetaObject::invokeMethod(
        m_context, [this] { m_api.reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void ApiExecutor::submit(const HttpRequest &request, QObject *replyContext,
                         RequestHandler::Responder respond)
{
    QMetaObject::invokeMethod(
        m_context, [this, request, replyContext, respond = std::move(respond)] {
            if (!m_api)
                m_api = m_factory();
            HttpResponse response = m_api->handle(request);
            QMetaObject::invokeMethod(replyContext, [respond, response] { respond(response); });
        });
}

} // namespace topolab::runtime
