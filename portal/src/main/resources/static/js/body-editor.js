// The article body's WYSIWYG editor: TinyMCE 6 (MIT), served from the portal's jar (webjar), Chinese UI.
// What it may produce is the server's allow-list (article-service's jsoup clean stays the authority): the same
// elements and attributes, no style or class, so a paste from Word/WPS is cleaned to it as it arrives. Images are
// uploaded to the media library through the console (same origin, CSRF header) and referenced by their
// site-relative library URL (/media/{id}/content).
(function () {
  'use strict';
  var area = document.querySelector('textarea[data-editor]');
  if (!area || !window.tinymce) { return; }
  var csrfHeader = area.getAttribute('data-csrf-header');
  var csrfToken = area.getAttribute('data-csrf');

  // jsoup's Safelist.relaxed() plus figure, figcaption, hr and img[loading] (see article-service's HtmlSanitizer).
  var ALLOWED = 'a[href|title],b,blockquote[cite],br,caption,cite,code,col[span|width],colgroup[span|width],'
    + 'dd,div,dl,dt,em,h1,h2,h3,h4,h5,h6,i,img[align|alt|height|src|title|width|loading],li,'
    + 'ol[start|type],p,pre,q[cite],small,span,strike,strong,sub,sup,table[summary|width],tbody,'
    + 'td[abbr|axis|colspan|rowspan|width],tfoot,th[abbr|axis|colspan|rowspan|scope|width],thead,tr,u,'
    + 'ul[type],figure,figcaption,hr';

  function headers() {
    var h = {};
    if (csrfHeader && csrfToken) { h[csrfHeader] = csrfToken; }
    return h;
  }

  function upload(blobInfo, progress) {
    var data = new FormData();
    data.append('file', blobInfo.blob(), blobInfo.filename());
    return fetch(area.getAttribute('data-upload-url'), {
      method: 'POST', body: data, headers: headers(), credentials: 'same-origin'
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) {
          return Promise.reject({ message: json.detail || ('上传失败（' + response.status + '）'), remove: true });
        }
        return json.location;
      });
    });
  }

  function imageList(success) {
    fetch(area.getAttribute('data-upload-url'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(success, function () { success([]); });
  }

  // The cover image field offers the library's images too.
  var cover = document.querySelector('input[list="media-library"]');
  if (cover) {
    var choices = document.createElement('datalist');
    choices.id = 'media-library';
    document.body.appendChild(choices);
    imageList(function (images) {
      images.forEach(function (image) {
        var option = document.createElement('option');
        option.value = image.value;
        option.label = image.title;
        choices.appendChild(option);
      });
    });
  }

  tinymce.init({
    target: area,
    language: 'zh-Hans',
    language_url: area.getAttribute('data-language-url'),
    promotion: false,
    branding: false,
    menubar: false,
    // Every button in view (wrapping to a second row in the narrow column), none hidden behind "more".
    toolbar_mode: 'wrap',
    height: 520,
    plugins: 'lists link image table code',
    toolbar: 'undo redo | blocks | bold italic | bullist numlist | blockquote | link image | table | removeformat code',
    block_formats: '段落=p; 标题 2=h2; 标题 3=h3; 标题 4=h4',
    valid_elements: ALLOWED,
    valid_styles: {},
    invalid_styles: '*',
    paste_data_images: true,
    automatic_uploads: true,
    images_upload_handler: upload,
    images_file_types: 'jpeg,jpg,png,webp,gif',
    image_list: imageList,
    image_caption: true,
    image_dimensions: false,
    image_advtab: false,
    link_default_target: '',
    link_target_list: false,
    table_default_styles: {},
    table_default_attributes: {},
    table_resize_bars: false,
    object_resizing: false,
    // Library images keep their site-relative path; other links stay as typed.
    relative_urls: false,
    remove_script_host: true,
    convert_urls: true,
    setup: function (editor) {
      // Keep the textarea (and so the preview and the form post) in step with the editor.
      editor.on('input change undo redo SetContent', function () {
        editor.save();
        area.dispatchEvent(new Event('input', { bubbles: true }));
      });
    }
  });
})();
