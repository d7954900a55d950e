'use strict';

const list = document.getElementById('posts');
const status = document.getElementById('status');

async function load() {
  const response = await fetch('/api/posts?limit=20');
  const body = await response.json();
  if (!response.ok) {
    status.textContent = body.error || `Reading failed (${response.status})`;
    return;
  }
  status.textContent = `Read from the replica by ${body.server}`;
  list.replaceChildren(...body.posts.map((post) => {
    const item = document.createElement('li');
    item.textContent = `${post.author}: ${post.message} `;
    const meta = document.createElement('small');
    meta.textContent = `(written by ${post.server}, ${post.createdAt})`;
    item.append(meta);
    return item;
  }));
}

document.getElementById('post').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const response = await fetch('/api/posts', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ author: form.get('author'), message: form.get('message') }),
  });
  const body = await response.json();
  status.textContent = response.ok ? `Saved on the primary by ${body.server}` : body.error;
  if (response.ok) {
    event.target.reset();
    load();
  }
});

load();
