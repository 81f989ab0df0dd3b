/* global document, location, URL, Event */
// Puts back what was typed into a form whose session ended before it was saved (see
// views/held-form.njk). The server chose the person and the page; this only fills the fields of the
// form that was sent, keeping this page's fresh CSRF token, and the held formId and version.
const holder = document.getElementById('hw-held-form');
if (holder) {
  const held = JSON.parse(holder.dataset.held ?? '{}');
  // getAttribute, not form.action: a form with a field named "action" (the note's Save buttons) hides it.
  const form = [...document.forms].find((f) => new URL(f.getAttribute('action') ?? '', location.href).pathname === held.action);
  if (form && held.fields) {
    const valuesOf = (name) => {
      const v = held.fields[name];
      return v === undefined ? [] : Array.isArray(v) ? v : [v];
    };
    for (const control of form.elements) {
      const name = control.name;
      if (!name || name === '_csrf' || control.type === 'submit' || control.type === 'button' || control.type === 'file') continue;
      if (control.type === 'checkbox' || control.type === 'radio') {
        control.checked = valuesOf(name).includes(control.value);
      } else if (control.tagName === 'SELECT') {
        for (const option of control.options) option.selected = valuesOf(name).includes(option.value);
      } else if (Object.hasOwn(held.fields, name)) {
        control.value = valuesOf(name)[0] ?? '';
      } else continue;
      control.dispatchEvent(new Event('input', { bubbles: true }));
      control.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }
}
