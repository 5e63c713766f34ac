// Journey Optimizer SMS portal: small progressive enhancements. Every page works without this file.
(function () {
    'use strict';

    // Confirmation dialogs: <a href="...delete-url" data-confirm="Question?" data-confirm-ok="Delete">, or a submit
    // button of another form (<button form="f" name="id" value="7" data-confirm="...">): OK posts that form's action
    // with the button's name and value. Without JavaScript the link opens a confirmation page at the same URL.
    // The dialog opens on Cancel, so that Enter never confirms by accident.
    document.addEventListener('click', function (event) {
        var trigger = event.target.closest('[data-confirm]');
        if (!trigger) {
            return;
        }
        var dialogElement = document.getElementById('confirm-dialog');
        if (!dialogElement || !window.bootstrap) {
            return;
        }
        var question = trigger.getAttribute('data-confirm');
        event.preventDefault();
        document.getElementById('confirm-dialog-body').textContent = question;
        var ok = document.getElementById('confirm-dialog-ok');
        ok.textContent = trigger.getAttribute('data-confirm-ok') || ok.textContent;
        var form = document.getElementById('confirm-dialog-form');
        form.querySelectorAll('input[data-confirm-value]').forEach(function (input) { input.remove(); });
        var owner = trigger.form;
        form.setAttribute('action', trigger.getAttribute('href') || trigger.getAttribute('data-confirm-url')
            || (owner && owner.getAttribute('action')));
        if (owner && trigger.name) {
            var value = document.createElement('input');
            value.type = 'hidden';
            value.name = trigger.name;
            value.value = trigger.value;
            value.setAttribute('data-confirm-value', '');
            form.appendChild(value);
        }
        var cancel = document.getElementById('confirm-dialog-cancel');
        var modal = window.bootstrap.Modal.getOrCreateInstance(dialogElement);
        dialogElement.addEventListener('shown.bs.modal', function () { cancel.focus(); }, { once: true });
        modal.show();
    });

    // List filters (<form data-filter-form>) apply as soon as a choice changes; the Search button stays for typed
    // text and for browsers without JavaScript.
    document.querySelectorAll('form[data-filter-form] select').forEach(function (select) {
        select.addEventListener('change', function () { select.form.requestSubmit(); });
    });

    // Fields that only Submit needs (data-required-on-submit="message"): Submit makes them required in the browser
    // too, so that one click lists every missing field; Save as draft does not need them.
    document.querySelectorAll('form').forEach(function (form) {
        var fields = form.querySelectorAll('[data-required-on-submit]');
        if (fields.length === 0) {
            return;
        }
        form.querySelectorAll('button[name=Intent]').forEach(function (button) {
            button.addEventListener('click', function () {
                if (!window.jQuery || !window.jQuery.validator) {
                    return;
                }
                var submit = button.value === 'submit';
                fields.forEach(function (field) {
                    var rules = window.jQuery(field);
                    if (submit) {
                        rules.rules('add', { required: true, messages: { required: field.getAttribute('data-required-on-submit') } });
                    } else {
                        rules.rules('remove', 'required');
                    }
                });
            });
        });
    });

    // A field required only with some auth types (data-required-for-auth="AuthToken" data-required-message="..."):
    // each submit makes it required in the browser when its vendor's auth select has one of those values, so that
    // one click lists every missing field.
    document.querySelectorAll('[data-required-for-auth]').forEach(function (field) {
        var form = field.form;
        if (!form) {
            return;
        }
        form.addEventListener('click', function (event) {
            var $ = window.jQuery;
            if (!event.target.closest('button[type=submit], input[type=submit]') || !$ || !$.validator || !$.data(form, 'validator')) {
                return;
            }
            var scope = field.closest('[data-vendor]') || form;
            var select = scope.querySelector('[data-auth-select]');
            var required = !field.matches(':disabled') && select !== null
                && field.getAttribute('data-required-for-auth').split(' ').indexOf(select.value) >= 0;
            if (required) {
                $(field).rules('add', { required: true, messages: { required: field.getAttribute('data-required-message') } });
            } else {
                $(field).rules('remove', 'required');
            }
        });
    });

    // Vendor-specific fieldsets: <select data-vendor-select> shows the <fieldset data-vendor="X"> of the chosen vendor.
    function applyVendor(select) {
        var value = select.value;
        document.querySelectorAll('[data-vendor]').forEach(function (fieldset) {
            var match = fieldset.getAttribute('data-vendor') === value;
            fieldset.hidden = !match;
            fieldset.disabled = !match;
        });
        document.querySelectorAll('[data-vendor-apply]').forEach(function (b) { b.hidden = true; });
    }
    // The no-JavaScript "Apply" buttons (vendor, auth type) have nothing to do once the sections switch by themselves,
    // also on Edit, where there is no vendor select.
    document.querySelectorAll('[data-vendor-apply]').forEach(function (b) { b.hidden = true; });
    document.querySelectorAll('[data-vendor-select]').forEach(function (select) {
        select.addEventListener('change', function () { applyVendor(select); });
        applyVendor(select);
    });

    // Auth-type sections of a vendor's fields: <select data-auth-select> shows the <fieldset data-auth="A B"> (or other
    // element) listing its value, within its own vendor's fields (each vendor has its own auth types).
    function applyAuth(select) {
        var value = select.value;
        var scope = select.closest('[data-vendor]') || select.form;
        scope.querySelectorAll('[data-auth]').forEach(function (fieldset) {
            var match = fieldset.getAttribute('data-auth').split(' ').indexOf(value) >= 0;
            fieldset.hidden = !match;
            fieldset.disabled = !match;
        });
    }
    document.querySelectorAll('[data-auth-select]').forEach(function (select) {
        select.addEventListener('change', function () { applyAuth(select); });
        applyAuth(select);
        // The sections follow the choice as it changes: the no-script "Apply" next to it is not needed.
        select.parentElement.querySelectorAll('[data-vendor-apply]').forEach(function (b) { b.hidden = true; });
    });
    document.querySelectorAll('[data-mtls-toggle]').forEach(function (box) {
        var apply = function () {
            box.form.querySelectorAll('[data-mtls]').forEach(function (f) { f.hidden = !box.checked; });
        };
        box.addEventListener('change', apply);
        apply();
    });

    // Custom provider headers: add and remove rows in the browser (keeps what was typed, secrets included), keeping the
    // indexes contiguous for model binding. Rows 0 and 1 (Content-Type, Charset) have no remove button.
    function renumberHeaders(tbody) {
        Array.prototype.forEach.call(tbody.rows, function (row, index) {
            row.querySelectorAll('[name^="Input.Custom.Headers["]').forEach(function (el) {
                el.name = el.name.replace(/Headers\[\d+\]/, 'Headers[' + index + ']');
            });
            row.querySelectorAll('[id^="Input_Custom_Headers_"]').forEach(function (el) {
                el.id = el.id.replace(/Headers_\d+__/, 'Headers_' + index + '__');
            });
            row.querySelectorAll('label[for^="Input_Custom_Headers_"]').forEach(function (el) {
                el.htmlFor = el.htmlFor.replace(/Headers_\d+__/, 'Headers_' + index + '__');
            });
            row.querySelectorAll('[data-valmsg-for^="Input.Custom.Headers["]').forEach(function (el) {
                el.setAttribute('data-valmsg-for', el.getAttribute('data-valmsg-for').replace(/Headers\[\d+\]/, 'Headers[' + index + ']'));
            });
        });
    }
    function updateAddButton(button, tbody) {
        button.hidden = tbody.rows.length >= parseInt(button.getAttribute('data-max-rows'), 10);
    }
    document.querySelectorAll('[data-add-header]').forEach(function (button) {
        var tbody = button.form.querySelector('[data-testid=headers] tbody');
        var template = document.getElementById('header-row-template');
        if (!tbody || !template) {
            return;
        }
        button.addEventListener('click', function (event) {
            event.preventDefault();
            var index = tbody.rows.length;
            var html = template.innerHTML.replace(/__i__/g, String(index)).replace(/___i___/g, '_' + index + '_');
            tbody.insertAdjacentHTML('beforeend', html);
            renumberHeaders(tbody);
            updateAddButton(button, tbody);
            tbody.rows[tbody.rows.length - 1].querySelector('input').focus();
        });
        tbody.addEventListener('click', function (event) {
            var remove = event.target.closest('[data-remove-header]');
            if (!remove) {
                return;
            }
            event.preventDefault();
            remove.closest('tr').remove();
            renumberHeaders(tbody);
            updateAddButton(button, tbody);
        });
    });

    // Copy buttons: <button data-copy-target="#id">.
    document.addEventListener('click', function (event) {
        var button = event.target.closest('[data-copy-target]');
        if (!button) {
            return;
        }
        var target = document.querySelector(button.getAttribute('data-copy-target'));
        if (!target) {
            return;
        }
        var text = target.value || target.textContent;
        var done = function () {
            var label = button.getAttribute('data-copied-label');
            if (label) {
                var original = button.innerHTML;
                button.textContent = label;
                setTimeout(function () { button.innerHTML = original; }, 1500);
            }
        };
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(text).then(done);
        } else {
            target.select && target.select();
            document.execCommand('copy');
            done();
        }
    });

    // SMS webhook form: the vendor and type selects show their sections (keywords for Inbound, the payload mapping for
    // the vendors listed in data-when-vendor, the mapping rows of the type) and the API credentials of the vendor. Without JavaScript, "Apply" does it.
    document.querySelectorAll('[data-webhook-form]').forEach(function (form) {
        var vendorSelect = form.querySelector('[data-webhook-vendor]');
        var typeSelect = form.querySelector('[data-webhook-type]');
        var credential = form.querySelector('[data-webhook-credential]');
        var sender = form.querySelector('[name="Input.SenderNumber"]');
        var value = function (select, name) {
            return select ? select.value : (form.querySelector('[name="' + name + '"]') || {}).value;
        };
        var apply = function () {
            var vendor = value(vendorSelect, 'Input.Vendor');
            var type = value(typeSelect, 'Input.Type');
            form.querySelectorAll('[data-when-vendor]').forEach(function (el) { el.hidden = el.getAttribute('data-when-vendor').split(' ').indexOf(vendor) < 0; });
            form.querySelectorAll('[data-when-type]').forEach(function (el) { el.hidden = el.getAttribute('data-when-type') !== type; });
            if (credential) {
                Array.prototype.forEach.call(credential.options, function (option) {
                    var other = option.hasAttribute('data-vendor') && option.getAttribute('data-vendor') !== vendor;
                    option.hidden = other;
                    option.disabled = other;
                    if (other && option.selected) {
                        credential.value = '';
                    }
                });
            }
            form.querySelectorAll('[data-webhook-apply]').forEach(function (b) { b.hidden = true; });
            previewPayload(form);
        };
        [vendorSelect, typeSelect].forEach(function (select) {
            if (select) {
                select.addEventListener('change', apply);
            }
        });
        if (credential && sender) {
            credential.addEventListener('change', function () {
                var option = credential.options[credential.selectedIndex];
                var address = option && option.getAttribute('data-address');
                if (address && !sender.value) {
                    sender.value = address;
                }
            });
        }
        form.addEventListener('input', function (event) {
            if (event.target.matches('[data-sample-payload], [data-mapping-field]')) {
                previewPayload(form);
            }
        });
        apply();
    });

    // The payload editor: each mapping path read from the pasted sample as the server reads it (PayloadPath), shown next
    // to its field as the user types. The server's "Check mapping" gives the same answer without JavaScript.
    function parsePath(path) {
        var text = (path || '').trim();
        if (!text || text.length > 200) {
            return null;
        }
        if (text.charAt(0) === '$') {
            text = text.substring(1);
            if (text.charAt(0) === '.') {
                text = text.substring(1);
            }
        }
        var segments = [];
        var i = 0;
        var expectName = true;
        while (i < text.length) {
            var c = text.charAt(i);
            if (c === '[') {
                var close = text.indexOf(']', i + 1);
                if (close < 0) {
                    return null;
                }
                var inner = text.substring(i + 1, close);
                if (inner.length >= 2 && (inner[0] === '"' || inner[0] === "'") && inner[inner.length - 1] === inner[0]) {
                    segments.push(inner.substring(1, inner.length - 1));
                } else if (/^[0-9]+$/.test(inner)) {
                    segments.push(parseInt(inner, 10));
                } else {
                    return null;
                }
                i = close + 1;
                expectName = false;
            } else if (c === '.') {
                if (expectName) {
                    return null;
                }
                i++;
                expectName = true;
                if (i === text.length) {
                    return null;
                }
            } else {
                if (!expectName) {
                    return null;
                }
                var end = i;
                while (end < text.length && text[end] !== '.' && text[end] !== '[') {
                    end++;
                }
                segments.push(text.substring(i, end));
                i = end;
                expectName = false;
            }
        }
        return segments.length ? segments : null;
    }
    function readPath(root, segments) {
        var current = root;
        for (var i = 0; i < segments.length; i++) {
            var s = segments[i];
            if (typeof s === 'string') {
                if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.prototype.hasOwnProperty.call(current, s)) {
                    return null;
                }
                current = current[s];
            } else {
                if (!Array.isArray(current) || s >= current.length) {
                    return null;
                }
                current = current[s];
            }
        }
        if (typeof current === 'string') {
            return current;
        }
        return typeof current === 'number' || typeof current === 'boolean' ? JSON.stringify(current) : null;
    }
    function previewPayload(form) {
        var editor = form.querySelector('[data-testid=payload-editor]');
        var sample = form.querySelector('[data-sample-payload]');
        var sampleError = form.querySelector('[data-sample-error]');
        if (!editor || !sample || !sampleError) {
            return;
        }
        var rows = form.querySelectorAll('[data-preview-for]');
        if (!sample.value.trim()) {
            sampleError.hidden = true;
            return;
        }
        var root;
        try {
            root = JSON.parse(sample.value);
        } catch (e) {
            sampleError.textContent = editor.getAttribute('data-msg-invalid-json');
            sampleError.hidden = false;
            rows.forEach(function (row) { row.textContent = ''; });
            return;
        }
        sampleError.hidden = true;
        rows.forEach(function (row) {
            var input = form.querySelector('[data-mapping-field="' + row.getAttribute('data-preview-for') + '"]');
            var path = input ? input.value : '';
            row.textContent = '';
            var span = document.createElement('span');
            if (!path.trim()) {
                var required = input && input.getAttribute('data-required') === 'true';
                span.className = (required ? 'text-danger' : 'text-body-secondary') + ' preview-error';
                span.textContent = editor.getAttribute(required ? 'data-msg-required' : 'data-msg-not-mapped');
            } else {
                var segments = parsePath(path);
                var found = segments ? readPath(root, segments) : null;
                if (!segments) {
                    span.className = 'text-danger preview-error';
                    span.textContent = editor.getAttribute('data-msg-bad-path');
                } else if (found === null) {
                    span.className = 'text-danger preview-error';
                    span.textContent = editor.getAttribute('data-msg-not-found');
                } else {
                    span.className = 'text-success';
                    var code = document.createElement('code');
                    code.className = 'preview-value';
                    code.textContent = found.length > 300 ? found.substring(0, 300) + '…' : found;
                    span.appendChild(code);
                }
            }
            row.appendChild(span);
        });
    }
})();

// Channel configurations list: rows still being checked (status or pending change Processing) are polled until
// decided; their badge, reason and row actions follow without a reload. Without JavaScript a reload shows the same.
(function () {
    'use strict';
    var table = document.querySelector('table[data-states-url]');
    if (!table || !window.fetch) {
        return;
    }
    var url = table.getAttribute('data-states-url');
    function waiting() {
        return Array.prototype.filter.call(table.querySelectorAll('tr[data-id]'), function (row) {
            return row.getAttribute('data-status') === 'Processing' || row.getAttribute('data-pending') === 'Processing';
        });
    }
    function apply(row, state) {
        row.setAttribute('data-status', state.status);
        row.setAttribute('data-pending', state.pending || '');
        var badge = row.querySelector('[data-status-badge]');
        if (badge) {
            badge.className = 'badge badge-status-' + state.status;
            badge.textContent = state.label;
        }
        var pendingBadge = row.querySelector('[data-pending-badge]');
        if (pendingBadge && state.pending !== 'Processing') {
            pendingBadge.hidden = !state.pending;
            pendingBadge.className = 'badge badge-status-' + (state.pending || 'Active');
        }
        var reason = row.querySelector('[data-reason]');
        if (reason) {
            reason.textContent = state.reason || '';
        }
        row.querySelectorAll('[data-when]').forEach(function (el) {
            el.hidden = el.getAttribute('data-when').split(' ').indexOf(state.status) < 0;
        });
    }
    function poll() {
        var rows = waiting();
        if (rows.length === 0) {
            return;
        }
        var query = rows.map(function (row) { return 'ids=' + encodeURIComponent(row.getAttribute('data-id')); }).join('&');
        fetch(url + (url.indexOf('?') >= 0 ? '&' : '?') + query, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
            .then(function (response) { return response.ok ? response.json() : []; })
            .then(function (states) {
                states.forEach(function (state) {
                    var row = table.querySelector('tr[data-id="' + state.id + '"]');
                    if (row) {
                        apply(row, state);
                    }
                });
            })
            .catch(function () { /* The next round tries again. */ })
            .then(function () { setTimeout(poll, 2000); });
    }
    setTimeout(poll, 1000);
})();

// Tab stays inside an open modal dialog (its own block: the blocks above return early on pages without their form).
(function () {
    'use strict';
    // Tab stays inside an open modal dialog: Bootstrap's focus trap lets the focus escape to the browser's own
    // controls when the dialog holds the page's last focusable element.
    document.addEventListener('keydown', function (event) {
        if (event.key !== 'Tab') {
            return;
        }

        var modal = document.querySelector('.modal.show');
        if (!modal) {
            return;
        }

        var focusable = Array.prototype.filter.call(
            modal.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'),
            function (element) { return element.offsetParent !== null; });
        if (focusable.length === 0) {
            return;
        }

        var first = focusable[0];
        var last = focusable[focusable.length - 1];
        var inside = modal.contains(document.activeElement);
        if (event.shiftKey && (!inside || document.activeElement === first)) {
            event.preventDefault();
            last.focus();
        } else if (!event.shiftKey && (!inside || document.activeElement === last)) {
            event.preventDefault();
            first.focus();
        }
    });
})();

// A form being sent says so: its button shows a spinner and "Working…" (the layout's data-busy-text, in the page's
// language) and the form cannot be sent a second time while the server works, which can take half a minute when a
// provider is checked. Forms that validation (or another script) stopped are left alone. The buttons are disabled only
// after the browser has taken the pressed button's name and value, and a page restored from the back/forward cache
// gets them back.
(function () {
    'use strict';
    var busyText = document.body.getAttribute('data-busy-text') || '';
    function submitButtons(form) {
        return Array.prototype.filter.call(form.elements, function (element) {
            return element.type === 'submit';
        });
    }
    document.addEventListener('submit', function (event) {
        var form = event.target;
        if (!(form instanceof HTMLFormElement) || form.method !== 'post') {
            return;
        }
        if (form.hasAttribute('data-submitting')) {
            event.preventDefault();
            return;
        }
        if (event.defaultPrevented) {
            return;
        }
        form.setAttribute('data-submitting', '');
        form.setAttribute('aria-busy', 'true');
        var pressed = event.submitter || submitButtons(form)[0];
        if (pressed) {
            pressed.classList.add('is-busy');
            var spinner = document.createElement('span');
            spinner.className = 'spinner-border spinner-border-sm me-1';
            spinner.setAttribute('aria-hidden', 'true');
            spinner.setAttribute('data-busy', '');
            var status = document.createElement('span');
            status.className = 'visually-hidden';
            status.setAttribute('role', 'status');
            status.setAttribute('data-busy', '');
            status.textContent = busyText;
            pressed.insertBefore(spinner, pressed.firstChild);
            pressed.appendChild(status);
        }
        setTimeout(function () {
            submitButtons(form).forEach(function (button) { button.disabled = true; });
        }, 0);
    });
    window.addEventListener('pageshow', function (event) {
        if (!event.persisted) {
            return;
        }
        document.querySelectorAll('form[data-submitting]').forEach(function (form) {
            form.removeAttribute('data-submitting');
            form.removeAttribute('aria-busy');
            submitButtons(form).forEach(function (button) {
                button.disabled = false;
                button.classList.remove('is-busy');
                button.querySelectorAll('[data-busy]').forEach(function (element) { element.remove(); });
            });
        });
    });
})();
