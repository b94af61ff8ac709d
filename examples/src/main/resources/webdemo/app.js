// The web demo's page: plain JavaScript over the HTTP API (/api/v1). User text is always set with
// textContent, never as HTML.
'use strict';

const API = '/api/v1';
const STATUSES = ['NEW', 'OPENED', 'WAITING', 'RESOLVED', 'CLOSED'];
const TEXTS = {
  fr: {
    skip: 'Aller au contenu', demo: 'DÉMO', persona: 'Se connecter en tant que (démo)', title: 'Aide & Support',
    nav: 'Navigation', requests: 'Demandes', new: 'Nouvelle demande', feed: 'Nouveautés', language: 'Langue',
    status: 'Statut', school: 'Établissement', search: 'Rechercher', apply: 'Appliquer', all: 'Tous',
    number: 'N°', subject: 'Objet', modified: 'Modifiée', none: 'Aucune demande.', previous: 'Précédent',
    next: 'Suivant', category: 'Application concernée', description: 'Description',
    screenshot: 'Capture d\u2019écran (facultatif)', send: 'Envoyer', back: '← Retour à la liste',
    requester: 'Demandeur', desk: 'Support', changeStatus: 'Changer le statut', escalate: 'Transmettre au support',
    history: 'Historique', answer: 'Votre réponse', files: 'Fichiers (facultatif)', readAll: 'Tout marquer comme lu',
    nothingNew: 'Rien de nouveau.', attachments: 'Pièces jointes', noFile: 'Aucune pièce jointe.', page: 'Page', filed: 'Demande n°{0} envoyée.', answered: 'Réponse envoyée.',
    statusChanged: 'Statut modifié.', escalated: 'Demande transmise au support.', unread: 'non lues',
    choose: '— Choisir —', counts: 'Nombre de demandes par statut',
    NEW: 'Nouvelle', OPENED: 'En cours', WAITING: 'En attente du demandeur', RESOLVED: 'Résolue', CLOSED: 'Fermée',
    NOT_DONE: 'Non transmise', IN_PROGRESS: 'Transmission en cours', SUCCESSFUL: 'Transmise', FAILED: 'Échec de la transmission'
  },
  en: {
    skip: 'Skip to content', demo: 'DEMO', persona: 'Sign in as (demo)', title: 'Help & Support',
    nav: 'Navigation', requests: 'Requests', new: 'New request', feed: 'News', language: 'Language',
    status: 'Status', school: 'School', search: 'Search', apply: 'Apply', all: 'All',
    number: 'No.', subject: 'Subject', modified: 'Modified', none: 'No request.', previous: 'Previous',
    next: 'Next', category: 'Application concerned', description: 'Description',
    screenshot: 'Screenshot (optional)', send: 'Send', back: '← Back to the list',
    requester: 'Requester', desk: 'Support desk', changeStatus: 'Change the status', escalate: 'Hand over to the support desk',
    history: 'History', answer: 'Your answer', files: 'Files (optional)', readAll: 'Mark all as read',
    nothingNew: 'Nothing new.', attachments: 'Attachments', noFile: 'No attachment.', page: 'Page', filed: 'Request #{0} sent.', answered: 'Answer sent.',
    statusChanged: 'Status changed.', escalated: 'Request handed over to the support desk.', unread: 'unread',
    choose: '— Choose —', counts: 'Requests per status',
    NEW: 'New', OPENED: 'In progress', WAITING: 'Waiting for the requester', RESOLVED: 'Resolved', CLOSED: 'Closed',
    NOT_DONE: 'Not handed over', IN_PROGRESS: 'Being handed over', SUCCESSFUL: 'Handed over', FAILED: 'Hand-over failed'
  }
};

const state = {
  lang: localStorage.getItem('demo-lang') || ((navigator.language || 'fr').startsWith('en') ? 'en' : 'fr'),
  cursors: [null],
  next: null,
  statusFilter: '',
  me: null,
  ticket: null,
  etag: null,
  refresh: null,
  categories: {}
};

const $ = (id) => document.getElementById(id);
const t = (key, ...args) => (TEXTS[state.lang][key] || key).replace(/\{(\d)\}/g, (_, i) => args[i]);

// ---------------------------------------------------------------- API calls

async function api(method, path, { json, form, headers = {} } = {}) {
  const init = { method, headers: { 'Accept-Language': state.lang, ...headers }, credentials: 'same-origin' };
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (form !== undefined) {
    init.body = form;
  }
  const response = await fetch(API + path, init);
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    const error = new Error(body && body.detail ? body.detail : response.status + ' ' + response.statusText);
    error.problem = body;
    throw error;
  }
  return { body, etag: response.headers.get('ETag') };
}

function showError(e) {
  const box = $('error');
  const p = e.problem;
  let text = e.message;
  if (p && p.errors && p.errors.length > 1) {
    text = p.errors.map((x) => x.detail).join('\n');
  }
  box.textContent = text;
  box.hidden = false;
}

function clearError() {
  $('error').hidden = true;
  $('error').textContent = '';
}

function say(text) {
  $('message').textContent = text;
}

const when = (iso) => new Date(iso).toLocaleString(state.lang === 'fr' ? 'fr-FR' : 'en-GB');

function statusBadge(status) {
  const span = document.createElement('span');
  span.className = 'status ' + status;
  span.dataset.status = status;
  span.textContent = t(status);
  return span;
}

// ---------------------------------------------------------------- chrome: language, persona, feed badge

function applyTexts() {
  document.documentElement.lang = state.lang;
  $('lang').value = state.lang;
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll('[data-i18n-aria]').forEach((el) => el.setAttribute('aria-label', t(el.dataset.i18nAria)));
  document.title = t('title');
}

async function loadPersonas() {
  const list = await (await fetch('/demo/personas')).json();
  const current = (document.cookie.match(/(?:^|; )demo-persona=([^;]+)/) || [])[1] || list[0].id;
  const select = $('persona');
  select.replaceChildren();
  for (const p of list) {
    const option = new Option(p.name, p.id, false, p.id === current);
    option.dataset.roleFr = p.roleFr;
    option.dataset.roleEn = p.roleEn;
    select.add(option);
  }
  showRole();
}

function showRole() {
  const option = $('persona').selectedOptions[0];
  $('persona-role').textContent = option ? (state.lang === 'fr' ? option.dataset.roleFr : option.dataset.roleEn) : '';
}

async function refreshBadge() {
  try {
    const { body } = await api('GET', '/feed?limit=1');
    const badge = $('feed-count');
    badge.textContent = String(body.unread);
    badge.classList.toggle('unread', body.unread > 0);
    badge.setAttribute('aria-label', body.unread + ' ' + t('unread'));
  } catch (e) {
    // the badge is secondary: errors show on the main actions
  }
}

async function loadMe() {
  state.me = (await api('GET', '/me')).body;
  for (const id of ['filter-school', 'new-school']) {
    const select = $(id);
    const keepFirst = id === 'filter-school';
    select.replaceChildren(...(keepFirst ? [select.options[0]] : []));
    for (const s of state.me.schools) {
      select.add(new Option(s.name, s.id));
    }
  }
}

// ---------------------------------------------------------------- views

function show(view) {
  for (const v of ['list', 'new', 'ticket', 'feed']) {
    $('view-' + v).hidden = v !== view;
  }
  if (state.refresh) {
    clearInterval(state.refresh);
    state.refresh = null;
  }
}

function filterQuery() {
  const q = new URLSearchParams();
  if (state.statusFilter) q.set('status', state.statusFilter);
  if ($('filter-school').value) q.set('school', $('filter-school').value);
  if ($('filter-q').value.trim()) q.set('q', $('filter-q').value.trim());
  return q;
}

async function listView() {
  show('list');
  const q = filterQuery();
  const counts = (await api('GET', '/tickets/counts?' + q.toString().replace(/(^|&)status=[^&]*/, ''))).body;
  const ul = $('counts');
  ul.replaceChildren();
  for (const s of STATUSES) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.status = s;
    b.setAttribute('aria-pressed', String(state.statusFilter === s));
    const label = document.createElement('span');
    label.textContent = t(s) + ' ';
    const n = document.createElement('strong');
    n.className = 'count';
    n.textContent = String(counts.counts[s] || 0);
    b.append(label, n);
    b.addEventListener('click', () => {
      state.statusFilter = state.statusFilter === s ? '' : s;
      $('filter-status').value = state.statusFilter;
      state.cursors = [null];
      listView().catch(showError);
    });
    li.append(b);
    ul.append(li);
  }
  ul.dataset.user = state.me ? state.me.userId : '';
  const cursor = state.cursors[state.cursors.length - 1];
  q.set('limit', '10');
  if (cursor) q.set('cursor', cursor);
  const page = (await api('GET', '/tickets?' + q)).body;
  state.next = page.next;
  const tbody = $('tickets').tBodies[0];
  tbody.replaceChildren();
  for (const ticket of page.items) {
    const tr = document.createElement('tr');
    tr.dataset.id = ticket.id;
    const cells = [
      ['number', String(ticket.id)], ['subject', null], ['status', null],
      ['school', schoolName(ticket.school)], ['modified', when(ticket.modified)]
    ];
    for (const [key, text] of cells) {
      const td = document.createElement('td');
      td.dataset.label = t(key);
      if (key === 'subject') {
        const a = document.createElement('a');
        a.href = '#/ticket/' + ticket.id;
        a.textContent = ticket.subject;
        td.append(a);
      } else if (key === 'status') {
        td.append(statusBadge(ticket.status));
      } else {
        td.textContent = text;
      }
      tr.append(td);
    }
    tbody.append(tr);
  }
  $('empty').hidden = page.items.length > 0;
  $('prev').disabled = state.cursors.length <= 1;
  $('next').disabled = !page.next;
  $('page-info').textContent = t('page') + ' ' + state.cursors.length;
}

function schoolName(id) {
  const s = state.me && state.me.schools.find((x) => x.id === id);
  return s ? s.name : id;
}

async function loadCategories() {
  const categories = (await api('GET', '/categories')).body.items;
  state.categories = Object.fromEntries(categories.map((c) => [c.id, c.label]));
  return categories;
}

async function newView() {
  show('new');
  const categories = await loadCategories();
  const select = $('new-category');
  const kept = select.value;
  select.replaceChildren(new Option(t('choose'), ''));
  for (const c of categories) {
    select.add(new Option(c.label, c.id, false, c.id === kept));
  }
}

async function ticketView(id) {
  show('ticket');
  $('timeline').dataset.key = '';
  await loadCategories();
  await renderTicket(id);
  state.refresh = setInterval(() => renderTicket(id, true).catch(() => {}), 3000);
}

async function renderTicket(id, quiet) {
  const [{ body: ticket, etag }, { body: caps }, { body: timeline }] = await Promise.all([
    api('GET', '/tickets/' + id), api('GET', '/tickets/' + id + '/capabilities'),
    api('GET', '/tickets/' + id + '/timeline')
  ]);
  state.ticket = ticket;
  state.etag = etag;
  $('ticket-number').textContent = (state.lang === 'fr' ? 'n°' : '#') + ticket.id;
  $('ticket-subject').textContent = ticket.subject;
  $('ticket-status').replaceChildren(statusBadge(ticket.status));
  $('ticket-school').textContent = schoolName(ticket.school);
  $('ticket-category').textContent = state.categories[ticket.category] || ticket.category;
  $('ticket-owner').textContent = ticket.ownerName;
  $('ticket-escalation').textContent = t(ticket.escalationStatus)
    + (ticket.escalation && ticket.escalation.externalId ? ' (' + ticket.escalation.externalId + ')' : '');
  $('ticket-escalation').dataset.escalation = ticket.escalationStatus;
  $('ticket-description').textContent = ticket.description;

  // re-render only what changed, so that a refresh neither steals the focus nor flickers
  const statusSelect = $('status-select');
  const statusKey = state.lang + caps.statuses.join(',');
  if (statusSelect.dataset.key !== statusKey) {
    statusSelect.dataset.key = statusKey;
    statusSelect.replaceChildren();
    for (const s of caps.statuses) statusSelect.add(new Option(t(s), s));
  }
  $('status-form').hidden = caps.statuses.length === 0;
  $('escalate').hidden = !caps.escalate;
  $('comment-form').hidden = !caps.comment;

  const timelineKey = state.lang + JSON.stringify(timeline.entries.map((e) => e.at + e.text))
    + timeline.attachments.length;
  if ($('timeline').dataset.key === timelineKey) {
    return;
  }
  $('timeline').dataset.key = timelineKey;
  const files = $('attachments');
  files.replaceChildren();
  for (const a of timeline.attachments) {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = a.href;
    link.className = 'attachment';
    link.textContent = a.fileName;
    const size = document.createElement('span');
    size.className = 'muted';
    size.textContent = ' (' + Math.max(1, Math.round(a.size / 1024)) + ' Ko)';
    li.append(link, size);
    files.append(li);
  }
  if (timeline.attachments.length === 0) {
    const li = document.createElement('li');
    li.className = 'muted';
    li.textContent = t('noFile');
    files.append(li);
  }

  const ol = $('timeline');
  ol.replaceChildren();
  for (const entry of timeline.entries) {
    const li = document.createElement('li');
    li.className = entry.kind;
    const time = document.createElement('time');
    time.dateTime = entry.at;
    time.textContent = when(entry.at);
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = entry.text;
    li.append(time, text);
    for (const a of entry.attachments) {
      const link = document.createElement('a');
      link.href = a.href;
      link.textContent = ' 📎 ' + a.fileName;
      link.className = 'attachment';
      li.append(document.createElement('br'), link);
    }
    ol.append(li);
  }
}

async function feedView() {
  show('feed');
  const { body } = await api('GET', '/feed?limit=50');
  const ul = $('feed-list');
  ul.replaceChildren();
  for (const item of body.items) {
    const li = document.createElement('li');
    li.className = item.read ? 'read' : 'unread';
    li.dataset.ticket = item.ticketId;
    const time = document.createElement('time');
    time.dateTime = item.occurredAt;
    time.textContent = when(item.occurredAt);
    const a = document.createElement('a');
    a.href = '#/ticket/' + item.ticketId;
    a.textContent = item.title;
    a.addEventListener('click', () => { api('POST', '/feed/read', { json: { ids: [item.id] } }).then(refreshBadge); });
    li.append(time, a);
    ul.append(li);
  }
  $('feed-empty').hidden = body.items.length > 0;
  refreshBadge();
}

async function route() {
  clearError();
  const hash = location.hash || '#/';
  const ticket = hash.match(/^#\/ticket\/(\d+)$/);
  try {
    if (ticket) await ticketView(ticket[1]);
    else if (hash === '#/new') await newView();
    else if (hash === '#/feed') await feedView();
    else await listView();
  } catch (e) {
    showError(e);
  }
}

// ---------------------------------------------------------------- actions

function wire() {
  window.addEventListener('hashchange', async () => {
    await route();
    $('main').focus({ preventScroll: true }); // keyboard and screen-reader users land on the new view
  });
  $('lang').addEventListener('change', () => {
    state.lang = $('lang').value;
    localStorage.setItem('demo-lang', state.lang);
    applyTexts();
    showRole();
    route();
  });
  $('persona').addEventListener('change', async () => {
    document.cookie = 'demo-persona=' + encodeURIComponent($('persona').value) + '; path=/; SameSite=Strict';
    showRole();
    state.cursors = [null];
    say('');
    await loadMe().catch(showError);
    refreshBadge();
    route();
  });
  $('filters').addEventListener('submit', (e) => {
    e.preventDefault();
    state.statusFilter = $('filter-status').value;
    state.cursors = [null];
    listView().catch(showError);
  });
  $('next').addEventListener('click', () => {
    if (state.next) { state.cursors.push(state.next); listView().catch(showError); }
  });
  $('prev').addEventListener('click', () => {
    if (state.cursors.length > 1) { state.cursors.pop(); listView().catch(showError); }
  });
  $('new-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    clearError();
    const form = new FormData();
    for (const name of ['school', 'category', 'subject', 'description']) form.append(name, $('new-' + name).value);
    const file = $('new-screenshot').files[0];
    if (file) form.append('files', file, file.name);
    $('new-submit').disabled = true;
    try {
      const { body } = await api('POST', '/tickets', { form, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      $('new-form').reset();
      say(t('filed', body.id));
      location.hash = '#/ticket/' + body.id;
    } catch (err) {
      showError(err);
    } finally {
      $('new-submit').disabled = false;
    }
  });
  $('comment-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    clearError();
    const form = new FormData();
    form.append('body', $('comment-body').value);
    for (const f of $('comment-files').files) form.append('files', f, f.name);
    $('comment-submit').disabled = true;
    try {
      await api('POST', '/tickets/' + state.ticket.id + '/comments', { form });
      $('comment-form').reset();
      say(t('answered'));
      await renderTicket(state.ticket.id);
    } catch (err) {
      showError(err);
    } finally {
      $('comment-submit').disabled = false;
    }
  });
  $('status-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    clearError();
    try {
      await api('PATCH', '/tickets/' + state.ticket.id,
        { json: { status: $('status-select').value }, headers: { 'If-Match': state.etag } });
      say(t('statusChanged'));
      await renderTicket(state.ticket.id);
    } catch (err) {
      showError(err);
    }
  });
  $('escalate').addEventListener('click', async () => {
    clearError();
    try {
      await api('POST', '/tickets/' + state.ticket.id + '/escalation');
      say(t('escalated'));
      await renderTicket(state.ticket.id);
    } catch (err) {
      showError(err);
    }
  });
  $('feed-read-all').addEventListener('click', async () => {
    try {
      await api('POST', '/feed/read', { json: { all: true } });
      await feedView();
    } catch (err) {
      showError(err);
    }
  });
  const statusFilter = $('filter-status');
  for (const s of STATUSES) statusFilter.add(new Option(s, s));
}

function relabelStatusFilter() {
  for (const option of $('filter-status').options) {
    if (option.value) option.textContent = t(option.value);
  }
}

async function start() {
  wire();
  applyTexts();
  relabelStatusFilter();
  $('lang').addEventListener('change', relabelStatusFilter);
  try {
    await loadPersonas();
    await loadMe();
  } catch (e) {
    showError(e);
  }
  refreshBadge();
  setInterval(refreshBadge, 5000);
  route();
}

document.addEventListener('DOMContentLoaded', start);
