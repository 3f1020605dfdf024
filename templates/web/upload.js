// The mobile upload page. The token is the path segment after /u/; it never leaves this
// origin (no referrer, no third-party requests). Every text shown comes from the service's
// JSON and is inserted as text, never as HTML.
(function () {
  'use strict';
  var match = location.pathname.match(/^\/u\/([A-Za-z0-9_.-]+)\/?$/);
  var token = match ? match[1] : '';
  var base = '/u/' + token;
  var labels = { missing: '待上传', ok: '已通过', warning: '请留意', retake: '请重拍', rejected: '未接收', busy: '检查中…' };

  function $(id) { return document.getElementById(id); }

  function showError(text) {
    var e = $('error');
    e.textContent = text;
    e.hidden = !text;
  }

  function errorText(body, fallback) {
    return body && body.error && body.error.message_zh ? body.error.message_zh : fallback;
  }

  function setStatus(li, status, headline, advice) {
    li.dataset.status = status;
    li.querySelector('.badge').textContent = labels[status] || status;
    li.querySelector('.headline').textContent = headline || '';
    var list = li.querySelector('.advice');
    list.textContent = '';
    (advice || []).forEach(function (a) {
      var item = document.createElement('li');
      item.textContent = a;
      list.appendChild(item);
    });
    li.querySelector('.button-text').textContent =
        status === 'missing' ? '拍照上传' : (status === 'busy' ? '上传中…' : '重新拍摄');
  }

  function render(state) {
    $('who').textContent = '订单 ' + state.order_id + ' · ' + state.role_label_zh + ' · 链接有效期至 ' +
        new Date(state.expires_unix * 1000).toLocaleString('zh-CN');
    var progress = $('progress');
    progress.hidden = false;
    progress.textContent = '已完成 ' + state.done + ' / ' + state.total + ' 项';
    var list = $('slots');
    list.textContent = '';
    var template = $('slot-template');
    state.slots.forEach(function (slot) {
      var li = template.content.firstElementChild.cloneNode(true);
      li.dataset.slot = slot.id;
      li.querySelector('.slot-label').textContent = slot.label_zh;
      if (slot.returned) li.querySelector('input').removeAttribute('capture');
      setStatus(li, slot.status, slot.headline_zh, slot.advice_zh);
      li.querySelector('input').addEventListener('change', function (ev) {
        var file = ev.target.files && ev.target.files[0];
        ev.target.value = '';
        if (file) upload(li, slot, file, state.max_upload_bytes);
      });
      list.appendChild(li);
    });
  }

  function upload(li, slot, file, limit) {
    showError('');
    if (limit && file.size > limit) {
      setStatus(li, 'retake', '文件过大，请压缩后重新上传。', []);
      return;
    }
    setStatus(li, 'busy', '正在上传并检查，请稍候…', []);
    fetch(base + '/files?slot=' + encodeURIComponent(slot.id), {
      method: 'POST', body: file, headers: { 'Content-Type': 'application/octet-stream' },
      credentials: 'omit', referrerPolicy: 'no-referrer'
    }).then(function (res) {
      return res.json().then(function (body) { return { ok: res.ok || res.status === 403 || res.status === 422, body: body }; });
    }).then(function (r) {
      if (r.body.error) {
        setStatus(li, 'retake', errorText(r.body, '上传失败，请重试。'), []);
        return;
      }
      setStatus(li, r.body.status, r.body.headline_zh, r.body.advice_zh);
      refreshProgress();
    }).catch(function () {
      setStatus(li, 'retake', '网络错误，上传没有完成，请重试。', []);
    });
  }

  function refreshProgress() {
    fetch(base + '/status', { credentials: 'omit' }).then(function (res) { return res.json(); }).then(function (s) {
      if (!s.error) $('progress').textContent = '已完成 ' + s.done + ' / ' + s.total + ' 项';
    }).catch(function () {});
  }

  if (!token) {
    showError('上传链接不完整，请重新扫描二维码。');
    return;
  }
  fetch(base + '/status', { credentials: 'omit' }).then(function (res) {
    return res.json();
  }).then(function (state) {
    if (state.error) {
      $('who').textContent = '';
      showError(errorText(state, '上传链接无效。'));
      return;
    }
    render(state);
  }).catch(function () {
    showError('无法连接服务，请检查网络后刷新页面。');
  });
})();
